#include "host-memory.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <new>

namespace wn {
namespace {

// Base pointer → allocation. weak_ptr: the registry must not keep memory alive by itself.
std::mutex& registryLock() {
  static std::mutex lock;
  return lock;
}
std::map<const void*, std::weak_ptr<HostMemory>>& registry() {
  static std::map<const void*, std::weak_ptr<HostMemory>> entries;
  return entries;
}

}  // namespace

size_t pageSize() {
  static const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  return page;
}

std::shared_ptr<HostMemory> HostMemory::allocate(size_t bytes) {
  // Never zero pages: a zero-length ArrayBuffer still gets a distinct, registrable pointer.
  size_t capacity = roundUpToPage(bytes == 0 ? 1 : bytes);
  void* p = nullptr;
  if (posix_memalign(&p, pageSize(), capacity) != 0) throw std::bad_alloc();
  std::memset(p, 0, capacity);
  std::shared_ptr<HostMemory> memory(new HostMemory(static_cast<uint8_t*>(p), bytes, capacity));
  std::lock_guard<std::mutex> hold(registryLock());
  registry()[p] = memory;
  return memory;
}

HostMemory::~HostMemory() {
  {
    std::lock_guard<std::mutex> hold(registryLock());
    registry().erase(data_);
  }
  std::free(data_);
}

std::shared_ptr<HostMemory> HostMemory::find(const void* base) {
  std::lock_guard<std::mutex> hold(registryLock());
  auto it = registry().find(base);
  return it == registry().end() ? nullptr : it->second.lock();
}

}  // namespace wn
