// A minimal stand-in for Apple's Foundation, only so test/metal-host-syntax.test.ts can have clang
// parse native/metal/metal-device.mm (Objective-C++, ARC, blocks) on Linux. It declares just what that
// file uses, with Apple's signatures; it checks syntax and the C++ side, not the real SDK.
#pragma once
#include <stddef.h>
typedef unsigned long NSUInteger;
typedef signed char BOOL;
#define nil nullptr
#define YES ((BOOL)1)
#define NO ((BOOL)0)
@protocol NSObject
@end
__attribute__((objc_root_class))
@interface NSObject <NSObject>
+ (instancetype)new;
@end
@interface NSString : NSObject
+ (instancetype)stringWithUTF8String:(const char*)s;
- (const char*)UTF8String;
@end
@interface NSError : NSObject
- (NSString*)localizedDescription;
@end
