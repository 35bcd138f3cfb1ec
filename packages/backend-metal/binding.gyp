{
  "targets": [
    {
      "target_name": "weightnorm_metal",
      "sources": [
        "native/addon.cc",
        "native/host-memory.cc",
        "native/ops/op-call.cc",
        "native/ops/run-op.cc",
        "native/ops/elementwise.cc",
        "native/ops/reduce.cc",
        "native/ops/movement.cc",
        "native/ops/matmul.cc",
        "native/ops/conv.cc",
        "native/ops/weight-norm.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++17", "-std=gnu++14"],
      "cflags_cc": ["-std=c++17", "-fexceptions"],
      "conditions": [
        [
          "OS=='mac'",
          {
            "sources": ["native/metal/metal-device.mm"],
            "include_dirs": ["<!(node scripts/gen-msl-sources.mjs)"],
            "link_settings": { "libraries": ["-framework Metal", "-framework Foundation"] },
            "xcode_settings": {
              "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
              "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
              "CLANG_ENABLE_OBJC_ARC": "YES",
              "MACOSX_DEPLOYMENT_TARGET": "11.0",
              "OTHER_CFLAGS": ["-fobjc-arc"]
            }
          },
          {
            "defines": ["WEIGHTNORM_EMULATED"],
            "sources": [
              "native/emulated/emulated-device.cc",
              "native/emulated/kernel-registry.cc",
              "native/emulated/threadgroup-runner.cc",
              "<!@(node scripts/gen-emulated-kernels.mjs)"
            ],
            "include_dirs": ["native/emulated", "native/emulated/include", "kernels"],
            "cflags_cc": ["-Wno-attributes"]
          }
        ]
      ]
    }
  ]
}
