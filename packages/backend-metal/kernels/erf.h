// erf in float32 (MSL has none). Mirrors backend-cpu's float64 erf with float32's limits: the
// all-positive series below 2.5 and Laplace's continued fraction for erfc above; beyond 4,
// erfc < 1.6e-8 is under half an ulp of 1, so erf rounds to ±1.
#ifndef WEIGHTNORM_KERNEL_ERF_H
#define WEIGHTNORM_KERNEL_ERF_H

inline float erf_f32(float x) {
  if (isnan(x)) return x;
  float a = fabs(x);
  if (a < 2.5f) {
    // erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): no cancellation, a few ulps.
    float x2 = x * x;
    float term = x;
    float sum = x;
    for (int n = 1; n < 100; ++n) {
      term *= (2.0f * x2) / float(2 * n + 1);
      sum += term;
      if (fabs(term) <= fabs(sum) * 1e-9f) break;
    }
    return 1.1283791670955126f * precise::exp(-x2) * sum;
  }
  if (a >= 4.0f) return x < 0.0f ? -1.0f : 1.0f;
  // Modified Lentz evaluation of erfc(a) = e^(−a²)/√π / (a + (1/2)/(a + (2/2)/(a + …))).
  float f = a;
  float c = a;
  float d = 0.0f;
  for (int n = 1; n < 200; ++n) {
    float an = float(n) * 0.5f;
    d = 1.0f / (a + an * d);
    c = a + an / c;
    float delta = c * d;
    f *= delta;
    if (fabs(delta - 1.0f) < 1e-8f) break;
  }
  float r = 1.0f - precise::exp(-a * a) * 0.5641895835477563f / f;
  return x < 0.0f ? -r : r;
}

#endif
