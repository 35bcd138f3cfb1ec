// Page-aligned host memory the addon hands to JS as external ArrayBuffers, and the registry upload()
// consults to recognise it. Memory in this registry can back a device buffer without a copy: on
// Metal through newBufferWithBytesNoCopy (which needs a page-aligned pointer and a length that is a
// whole number of pages), on the emulated device as the same pointer. Plain C++, shared by both.
#ifndef WEIGHTNORM_HOST_MEMORY_H
#define WEIGHTNORM_HOST_MEMORY_H

#include <cstddef>
#include <cstdint>
#include <memory>

namespace wn {

// One page-aligned, zero-filled allocation whose capacity is a whole number of pages. Owned through
// shared_ptr: the JS ArrayBuffer's finalizer holds one reference and every device buffer that
// aliases it holds another, so the memory lives until the last of them is gone, whichever thread
// drops it (the GPU's completion thread included).
class HostMemory {
 public:
  static std::shared_ptr<HostMemory> allocate(size_t bytes);
  ~HostMemory();
  HostMemory(const HostMemory&) = delete;
  HostMemory& operator=(const HostMemory&) = delete;

  uint8_t* data() const { return data_; }
  // Requested length (the ArrayBuffer's byteLength); capacity() is that rounded up to whole pages.
  size_t bytes() const { return bytes_; }
  size_t capacity() const { return capacity_; }

  // The live allocation starting exactly at `base` (an ArrayBuffer's data pointer), or null.
  static std::shared_ptr<HostMemory> find(const void* base);

 private:
  HostMemory(uint8_t* data, size_t bytes, size_t capacity) : data_(data), bytes_(bytes), capacity_(capacity) {}
  uint8_t* data_;
  size_t bytes_;
  size_t capacity_;
};

// The VM page size (4 KiB on x86-64 Linux, 16 KiB on Apple silicon).
size_t pageSize();
inline size_t roundUpToPage(size_t bytes) {
  size_t page = pageSize();
  return (bytes + page - 1) / page * page;
}

}  // namespace wn

#endif
