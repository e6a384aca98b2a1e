import '@testing-library/jest-dom';

// jsdom has no ResizeObserver, which recharts' ResponsiveContainer needs to measure itself.
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
