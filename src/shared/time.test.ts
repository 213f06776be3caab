import { describe, expect, it } from 'vitest';
import { acceleratedClock } from './time.js';

describe('acceleratedClock', () => {
  it('trails the real clock, then runs speed times faster until it has caught up, never jumping', () => {
    let real = 1_000_000;
    const clock = acceleratedClock(600_000, 10, () => real);
    expect(clock.now()).toBe(real - 540_000); // lag = duration × (1 − 1/speed)
    real += 7_000;
    expect(clock.now()).toBe(real - 540_000); // 1× until accelerated
    expect(clock.accelerate()).toBe(real - 540_000);
    const accelerated = real;
    real += 1_000;
    expect(clock.now()).toBe(accelerated - 540_000 + 10_000);
    expect(clock.realEnd).toBe(accelerated + 60_000);
    real = accelerated + 60_000; // caught up: the clock's time is the real time
    expect(clock.now()).toBe(real);
    real += 5_000;
    expect(clock.now()).toBe(real);
    expect(clock.accelerate()).toBe(real); // a second call changes nothing
  });
});
