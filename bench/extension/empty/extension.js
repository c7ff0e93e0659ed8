// The activation baseline: returns the same shape as AIO Coder's TestingApi, measured the same way.
exports.activate = function activate() {
  const started = performance.now();
  return { activationMs: performance.now() - started };
};
exports.deactivate = function deactivate() {};
