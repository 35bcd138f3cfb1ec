// Name → kernel table of the emulated device, filled by the generated kernel units as the addon loads.
#include <map>
#include <stdexcept>

#include "emulator-runtime.h"

namespace wn_emu {

static std::map<std::string, const KernelEntry*>& table() {
  static std::map<std::string, const KernelEntry*> kernels;
  return kernels;
}

bool registerKernels(const KernelEntry* entries, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    // Metal would refuse two functions of one name in a library; so do we.
    if (!table().emplace(entries[i].name, &entries[i]).second) {
      throw std::logic_error(std::string("two kernels named ") + entries[i].name);
    }
  }
  return true;
}

const KernelEntry* findKernel(const std::string& name) {
  auto it = table().find(name);
  return it == table().end() ? nullptr : it->second;
}

}  // namespace wn_emu
