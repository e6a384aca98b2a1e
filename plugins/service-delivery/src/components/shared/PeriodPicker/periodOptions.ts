/** A choice in the period picker; `value` is what the API takes, '' for the current period. */
export type PeriodOption = { value: string; label: string };

const monthNames = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  year: 'numeric',
});

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The periods people pick: the current one (the kind each agreement declares), the rolling windows,
 * this month and the eleven before it, this quarter and the three before it.
 */
export function periodOptions(now: Date = new Date()): PeriodOption[] {
  const options: PeriodOption[] = [
    { value: '', label: 'Current period' },
    { value: 'rolling-28d', label: 'Last 28 days' },
    { value: 'rolling-30d', label: 'Last 30 days' },
  ];
  const year = now.getFullYear();
  const month = now.getMonth();
  for (let back = 0; back < 12; back++) {
    const date = new Date(year, month - back, 1);
    options.push({
      value: `${date.getFullYear()}-${pad(date.getMonth() + 1)}`,
      label: monthNames.format(date),
    });
  }
  const quarter = Math.floor(month / 3);
  for (let back = 0; back < 4; back++) {
    const index = year * 4 + quarter - back;
    const q = (index % 4) + 1;
    const y = Math.floor(index / 4);
    options.push({ value: `${y}-Q${q}`, label: `Q${q} ${y}` });
  }
  return options;
}
