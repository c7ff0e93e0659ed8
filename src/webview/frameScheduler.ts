/** Something that renders its pending changes when a frame comes. */
export interface Flushable {
  flush(): void;
}

const pending = new Set<Flushable>();
const after = new Set<() => void>();
let requested = false;

function runFrame(): void {
  requested = false;
  const items = [...pending];
  pending.clear();
  for (const item of items) item.flush();
  const tasks = [...after];
  after.clear();
  for (const task of tasks) task();
}

function request(): void {
  if (requested) return;
  requested = true;
  requestAnimationFrame(runFrame);
}

/** Coalesces renders: each target flushes at most once per animation frame. */
export function scheduleFlush(target: Flushable): void {
  pending.add(target);
  request();
}

/** Runs `task` once after the flushes of the next frame (e.g. keeping the view scrolled). */
export function afterFrame(task: () => void): void {
  after.add(task);
  request();
}
