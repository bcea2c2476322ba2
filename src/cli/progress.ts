/** A one-line progress bar on stderr for long CLI work; plain lines when not a terminal. */
export function progress(label: string, total: number) {
  const tty = process.stderr.isTTY;
  let done = 0;
  let lastPrinted = -1;
  const render = () => {
    const share = total === 0 ? 1 : done / total;
    const percent = Math.floor(share * 100);
    if (tty) {
      const width = 28;
      const filled = Math.round(share * width);
      process.stderr.write(
        `\r${label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`,
      );
    } else if (percent >= lastPrinted + 25 || (done === total && lastPrinted < 100)) {
      process.stderr.write(`${label}: ${done}/${total}\n`);
      lastPrinted = percent;
    }
  };
  return {
    tick(n = 1) {
      done = Math.min(total, done + n);
      render();
    },
    finish() {
      done = total;
      render();
      if (tty) process.stderr.write('\n');
    },
  };
}
