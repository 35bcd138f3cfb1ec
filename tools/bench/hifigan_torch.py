"""jik876/hifi-gan's Generator (ResBlock1, i.e. V1) written functionally over a dict of weights, for
the bench's torch contender (torch_worker.py) and its ONNX export (export_onnx.py)."""
import torch
import torch.nn.functional as F


def conv_keys(h):
    """(key, kind) of every weight-normed conv in state-dict order; kind 'convT' for the upsamplers."""
    keys = [('conv_pre', 'conv')]
    nk = len(h['resblock_kernel_sizes'])
    for i in range(len(h['upsample_rates'])):
        keys.append((f'ups.{i}', 'convT'))
        for j, dils in enumerate(h['resblock_dilation_sizes']):
            for m in range(len(dils)):
                keys.append((f'resblocks.{i * nk + j}.convs1.{m}', 'conv'))
                keys.append((f'resblocks.{i * nk + j}.convs2.{m}', 'conv'))
    keys.append(('conv_post', 'conv'))
    return keys


def generator(h, mel, w, b):
    """Generator.forward on folded weights w[key] and biases b[key]."""
    if h['resblock'] != '1':
        raise ValueError('only ResBlock1 generators (V1) are implemented')
    nk = len(h['resblock_kernel_sizes'])

    def pad(k, d=1):
        return (k * d - d) // 2

    x = F.conv1d(mel, w['conv_pre'], b['conv_pre'], padding=3)
    for i, (u, k) in enumerate(zip(h['upsample_rates'], h['upsample_kernel_sizes'])):
        x = F.leaky_relu(x, 0.1)
        x = F.conv_transpose1d(x, w[f'ups.{i}'], b[f'ups.{i}'], stride=u, padding=(k - u) // 2)
        xs = None
        for j, (rk, dils) in enumerate(zip(h['resblock_kernel_sizes'], h['resblock_dilation_sizes'])):
            r, y = f'resblocks.{i * nk + j}', x
            for m, d in enumerate(dils):
                xt = F.conv1d(F.leaky_relu(y, 0.1), w[f'{r}.convs1.{m}'], b[f'{r}.convs1.{m}'], padding=pad(rk, d), dilation=d)
                xt = F.conv1d(F.leaky_relu(xt, 0.1), w[f'{r}.convs2.{m}'], b[f'{r}.convs2.{m}'], padding=pad(rk))
                y = xt + y
            xs = y if xs is None else xs + y
        x = xs / nk
    x = F.leaky_relu(x)  # torch's default slope 0.01, as the original
    return torch.tanh(F.conv1d(x, w['conv_post'], b['conv_post'], padding=3))


def weight_shapes(h):
    """key -> folded weight shape, in conv_keys order."""
    shapes = {}
    c0 = h['upsample_initial_channel']
    shapes['conv_pre'] = (c0, h.get('num_mels', 80), 7)
    nk = len(h['resblock_kernel_sizes'])
    for i, k in enumerate(h['upsample_kernel_sizes']):
        cin = c0 // 2 ** i
        shapes[f'ups.{i}'] = (cin, cin // 2, k)
        for j, (rk, dils) in enumerate(zip(h['resblock_kernel_sizes'], h['resblock_dilation_sizes'])):
            for m in range(len(dils)):
                for c in ('convs1', 'convs2'):
                    shapes[f'resblocks.{i * nk + j}.{c}.{m}'] = (cin // 2, cin // 2, rk)
    shapes['conv_post'] = (1, c0 // 2 ** len(h['upsample_rates']), 7)
    return shapes
