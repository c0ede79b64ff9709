/**
 * The order of `keys[0..n)` (non-negative int32), stable: an LSD radix sort in
 * two 16-bit passes, linear in n, so sorting a national period's exits or
 * siblings costs a few milliseconds (small inputs use a comparison sort).
 */
export function orderByKey(keys: Int32Array, n: number): Int32Array {
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Below a few thousand items the bucket passes cost more than a comparison sort.
  if (n < 4096) return order.sort((a, b) => keys[a] - keys[b] || a - b);
  let spare = new Int32Array(n);
  const counts = new Int32Array(65_537);
  for (let shift = 0; shift < 32; shift += 16) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((keys[i] >>> shift) & 0xffff) + 1]++;
    for (let b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    for (let i = 0; i < n; i++) {
      const item = order[i];
      spare[counts[(keys[item] >>> shift) & 0xffff]++] = item;
    }
    const t = order;
    order = spare;
    spare = t;
  }
  return order;
}
