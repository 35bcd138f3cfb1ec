"""Exports the ONNX graphs the onnxruntime contenders of packages/bench run, with real PyTorch.

Run: /usr/bin/python3 tools/bench/export_onnx.py   (writes packages/bench/onnx/*.onnx)

Every graph takes all its tensors as graph inputs. Weight-norm and matmul graphs have every axis
dynamic; conv graphs keep the workload's weight shapes (the exporter needs them), so they come in
the full size and the --quick size, each with a dynamic input length:
- "train" graphs take g and v: torch._weight_norm exports as ReduceL2 → Div → Mul (+ Conv), and
  as inputs (not initializers) onnxruntime cannot constant-fold the chain away, so it runs per call.
- "cached" graphs take the folded weight w. The bench turns w (and the bias) into initializers at
  run time (src/onnx/inline-initializers.ts), so onnxruntime can pre-pack it as in a deployed
  model, without committing megabytes of weights.
- W5, the whole HiFi-GAN generator, takes every folded weight and bias as an input the same way.
"""
import os
import torch
import torch.nn.functional as F

from hifigan_torch import conv_keys, generator, weight_shapes

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'packages', 'bench', 'onnx')
OPSET = 13


class WeightNorm(torch.nn.Module):
    def forward(self, v, g):
        return torch._weight_norm(v, g, 0)


class Conv1dTrain(torch.nn.Module):
    def __init__(self, dilation):
        super().__init__()
        self.dilation = dilation

    def forward(self, x, v, g, b):
        return F.conv1d(x, torch._weight_norm(v, g, 0), b, padding=self.dilation, dilation=self.dilation)


class Conv1dCached(torch.nn.Module):
    def __init__(self, dilation):
        super().__init__()
        self.dilation = dilation

    def forward(self, x, w, b):
        return F.conv1d(x, w, b, padding=self.dilation, dilation=self.dilation)


class ConvT1dTrain(torch.nn.Module):
    def forward(self, x, v, g, b):
        return F.conv_transpose1d(x, torch._weight_norm(v, g, 0), b, stride=8, padding=4)


class ConvT1dCached(torch.nn.Module):
    def forward(self, x, w, b):
        return F.conv_transpose1d(x, w, b, stride=8, padding=4)


class Hifigan(torch.nn.Module):
    """W5: the generator on folded weights, every weight and bias a graph input ('<key>.weight',
    '<key>.bias'), so the file holds only the graph; the bench inlines the weights at run time."""

    def __init__(self, h):
        super().__init__()
        self.h = h
        self.keys = [k for k, _ in conv_keys(h)]

    def forward(self, mel, *params):
        w = dict(zip(self.keys, params[0::2]))
        b = dict(zip(self.keys, params[1::2]))
        return generator(self.h, mel, w, b)


V1 = dict(resblock='1', upsample_rates=[8, 8, 2, 2], upsample_kernel_sizes=[16, 16, 4, 4], upsample_initial_channel=512,
          resblock_kernel_sizes=[3, 7, 11], resblock_dilation_sizes=[[1, 3, 5], [1, 3, 5], [1, 3, 5]], num_mels=80)
# src/workloads/w5-hifigan.ts's --quick generator.
TINY = dict(V1, upsample_rates=[2, 2], upsample_kernel_sizes=[4, 4], upsample_initial_channel=16, num_mels=8)


def hifigan_shapes(h):
    shapes = {'mel': (1, h['num_mels'], 8)}
    for key, shape in weight_shapes(h).items():
        shapes[f'{key}.weight'] = shape
        shapes[f'{key}.bias'] = (shape[1] if key.startswith('ups.') else shape[0],)
    return shapes


class MatMul(torch.nn.Module):
    def forward(self, a, b):
        return torch.matmul(a, b)


def export(name, module, shapes, dynamic_inputs):
    """shapes: input name -> shape. Every axis of the inputs in `dynamic_inputs` is dynamic; the
    others (conv weights) keep their shapes: the exporter needs a conv weight's shape."""
    names = list(shapes)
    args = tuple(torch.randn(*shapes[n]) for n in names)
    dynamic = {n: {i: f'{n}_{i}' for i in range(len(shapes[n]))} for n in dynamic_inputs}
    dynamic['y'] = {i: f'y_{i}' for i in range(module(*args).dim())}
    path = os.path.join(OUT, f'{name}.onnx')
    torch.onnx.export(module, args, path, input_names=names, output_names=['y'],
                      dynamic_axes=dynamic, opset_version=OPSET, do_constant_folding=False)
    print(f'{path}: {os.path.getsize(path)} bytes')


def main():
    os.makedirs(OUT, exist_ok=True)
    export('w1-weight-norm-3d', WeightNorm(), {'v': (8, 4, 3), 'g': (8, 1, 1)}, ('v', 'g'))
    export('w1-weight-norm-2d', WeightNorm(), {'v': (8, 4), 'g': (8, 1)}, ('v', 'g'))
    # The full weight shapes and the --quick ones (conv1d 16→16, convT1d 16→8); file names carry
    # the input channel count, which is how the bench picks a file for a case.
    for c in (512, 16):
        for d in (1, 3):
            export(f'w2-conv1d-d{d}-train-c{c}', Conv1dTrain(d),
                   {'x': (1, c, 64), 'v': (c, c, 3), 'g': (c, 1, 1), 'b': (c,)}, ('x',))
            export(f'w2-conv1d-d{d}-cached-c{c}', Conv1dCached(d), {'x': (1, c, 64), 'w': (c, c, 3), 'b': (c,)}, ('x',))
        o = c // 2
        export(f'w3-conv-transpose1d-train-c{c}', ConvT1dTrain(),
               {'x': (1, c, 8), 'v': (c, o, 16), 'g': (c, 1, 1), 'b': (o,)}, ('x',))
        export(f'w3-conv-transpose1d-cached-c{c}', ConvT1dCached(), {'x': (1, c, 8), 'w': (c, o, 16), 'b': (o,)}, ('x',))
    export('roofline-matmul', MatMul(), {'a': (4, 8), 'b': (8, 4)}, ('a', 'b'))
    export('w5-hifigan-c512', Hifigan(V1), hifigan_shapes(V1), ('mel',))
    export('w5-hifigan-c16', Hifigan(TINY), hifigan_shapes(TINY), ('mel',))


if __name__ == '__main__':
    main()
