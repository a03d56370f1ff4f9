// Preloaded (`node --import`) into every process the demo starts, and imported by the demo itself.
// When a parent dies — even by SIGKILL, which leaves it no chance to clean up — its children are
// re-parented. A process that notices this ends itself, so a killed demo leaves no worker or chat
// running (signals alone would not do: toolchain pitfall 9).
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(watch);
  process.kill(process.pid, 'SIGTERM'); // the process's own shutdown (the worker drains, the demo cleans up)
  setTimeout(() => process.exit(1), 2_000).unref(); // …which gets two seconds
}, 200);
watch.unref();

export {};
