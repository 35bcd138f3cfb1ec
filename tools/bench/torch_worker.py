"""The PyTorch CPU contender of packages/bench: one request per line of JSON on stdin, one reply
per line on stdout (the protocol of packages/bench/src/harness/protocol.ts). Started by the
coordinator with /usr/bin/python3; if torch cannot be imported it answers `start` with
"unavailable" and the reason.

Inputs are raw float32 files written by the coordinator; the checked output is written the same way.
"""
import json
import os
import sys
import time

# Library chatter must not corrupt the protocol: replies go to the real stdout only.
PROTOCOL = sys.stdout
sys.stdout = sys.stderr

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
    import hifigan_torch
    IMPORT_ERROR = None
except Exception as e:  # noqa: BLE001 - any import failure means "not here"
    IMPORT_ERROR = f'{type(e).__name__}: {e}'

prepared = {}


class Unsupported(Exception):
    pass


def load(case, directory):
    return {s['name']: torch.from_numpy(np.fromfile(os.path.join(directory, s['name'] + '.f32'), dtype=np.float32)
                                        .reshape(s['shape'])) for s in case['inputs']}


def build(case, t):
    kind, a, mode = case['kind'], case['attrs'], case.get('mode')

    def weight():
        # torch.nn.utils.weight_norm computes exactly this on every forward in train mode.
        return t['w'] if mode == 'cached' else torch._weight_norm(t['v'], t['g'], 0)

    if kind == 'weight-norm':
        return lambda: torch._weight_norm(t['v'], t['g'], 0)
    if kind == 'conv1d':
        return lambda: F.conv1d(t['x'], weight(), t['b'], padding=a['padding'], dilation=a['dilation'])
    if kind == 'conv-transpose1d':
        return lambda: F.conv_transpose1d(t['x'], weight(), t['b'], stride=a['stride'], padding=a['padding'])
    if kind == 'matmul':
        return lambda: t['a'] @ t['b']
    if kind == 'copy':
        dst = torch.empty_like(t['x'])
        return lambda: dst.copy_(t['x'])
    if kind == 'train-step':
        g, v, b = (t[n].clone().requires_grad_(True) for n in ('g', 'v', 'b'))

        def step():
            with torch.enable_grad():
                y = F.conv1d(t['x'], torch._weight_norm(v, g, 0), b, padding=a['padding'], dilation=a['dilation'])
                loss = (y * t['r']).sum()
                grads = torch.autograd.grad(loss, [g, v, b])
            return torch.cat([d.reshape(-1) for d in grads])
        return step
    if kind == 'hifigan':
        return hifigan(case['hifigan'], t)
    raise Unsupported(f'no {kind} workload for torch in this bench')


def hifigan(h, t):
    """W5 on weights folded once (what remove_weight_norm leaves for inference)."""
    if h['resblock'] != '1':
        raise Unsupported('only ResBlock1 generators (V1) are implemented')
    w = {k[:-len('.weight_v')]: torch._weight_norm(t[k], t[k[:-1] + 'g'], 0)
         for k in t if k.endswith('.weight_v')}
    b = {k[:-len('.bias')]: t[k] for k in t if k.endswith('.bias')}
    return lambda: hifigan_torch.generator(h, t['mel'], w, b)


def handle(req):
    op = req['op']
    if op == 'start':
        if IMPORT_ERROR:
            return {'ok': False, 'status': 'unavailable', 'message': f'{sys.executable}: {IMPORT_ERROR}'}
        threads = os.cpu_count() or 1
        torch.set_num_threads(threads)
        torch.set_grad_enabled(False)
        return {'ok': True, 'version': f'torch {torch.__version__}', 'device': f'CPU, {threads} threads'}
    if op == 'setup':
        case = req['case']
        fn = build(case, load(case, req['dir']))
        prepared[case['id']] = fn
        t0 = time.perf_counter()
        out = fn()
        ms = (time.perf_counter() - t0) * 1000
        out.detach().contiguous().numpy().astype(np.float32).tofile(req['outFile'])
        return {'ok': True, 'ms': ms}
    if op == 'run':
        fn = prepared[req['caseId']]
        t0 = time.perf_counter()
        fn()
        return {'ok': True, 'ms': (time.perf_counter() - t0) * 1000}
    if op == 'dispose':
        prepared.pop(req['caseId'], None)
        return {'ok': True}
    return {'ok': False, 'status': 'error', 'message': f'unknown op {op}'}


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            reply = handle(req)
        except Unsupported as e:
            reply = {'ok': False, 'status': 'unsupported', 'message': str(e)}
        except Exception as e:  # noqa: BLE001 - reported to the coordinator, which shows it
            reply = {'ok': False, 'status': 'error', 'message': f'{type(e).__name__}: {e}'}
        reply['id'] = req['id']
        PROTOCOL.write(json.dumps(reply) + '\n')
        PROTOCOL.flush()


if __name__ == '__main__':
    main()
