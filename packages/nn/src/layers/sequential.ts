import { WeightnormError, type Tensor } from '@weightnorm/core';
import { Module } from '../module.js';

/** torch.nn.Sequential: children named 0, 1, … run in order. @example new Sequential(new Conv1d(1, 4, 3), new Tanh()) */
export class Sequential extends Module {
  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => this.registerModule(String(i), m));
  }

  get length(): number {
    return this.childTable().size;
  }

  /** The i-th child. */
  at(index: number): Module {
    const m = this.childTable().get(String(index < 0 ? index + this.length : index));
    if (!m) {
      throw new WeightnormError({ op: 'Sequential.at', argument: 'index', allowed: `an integer in [-${this.length}, ${this.length - 1}]`, received: index });
    }
    return m;
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (const m of this.childTable().values()) y = m.forward(y);
    return y;
  }
}

/**
 * torch.nn.ModuleList: holds children (named 0, 1, …) for state-dict keys; has no forward of its own.
 *
 * @example
 * const resblocks = new ModuleList([new Conv1d(4, 4, 3), new Conv1d(4, 4, 3)]); // keys 0.weight, 1.weight, …
 */
export class ModuleList extends Module {
  constructor(modules: Module[] = []) {
    super();
    modules.forEach((m) => this.push(m));
  }

  push(module: Module): this {
    this.registerModule(String(this.childTable().size), module);
    return this;
  }

  get length(): number {
    return this.childTable().size;
  }

  at(index: number): Module {
    const m = this.childTable().get(String(index < 0 ? index + this.length : index));
    if (!m) {
      throw new WeightnormError({ op: 'ModuleList.at', argument: 'index', allowed: `an integer in [-${this.length}, ${this.length - 1}]`, received: index });
    }
    return m;
  }

  [Symbol.iterator](): Iterator<Module> {
    return this.childTable().values();
  }

  forward(): Tensor {
    throw new WeightnormError(
      { op: 'ModuleList.forward', argument: 'this', allowed: 'a module with a forward', received: 'a ModuleList' },
      'ModuleList.forward: a ModuleList only holds modules; call its children',
    );
  }
}
