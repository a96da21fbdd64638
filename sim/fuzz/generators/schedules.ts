/**
 * Scheduled backups: one to three clients, each backing up its data to a
 * server over its own link on a calendar (daily, weekly on some days, or
 * monthly on a day of the month, at any minute), with or without a backup
 * window (and what happens when it closes), retries, data of any size that
 * changes and grows (drawn or steady, overlapping or not), and a level for
 * every night or levels by calendar; 3 to 45 days and some hours. Faults take client links
 * down, for a while or on and off, at random times.
 */
import { between, Draw, pick, sizeMB, type Doc, type Generator } from '../draw.ts';
import { LEVELS } from '../../scenario/backup-levels.ts';

const DAY_S = 86_400;
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pad = (n: number): string => String(n).padStart(2, '0');

export const schedules: Generator = (seed, faults) => {
  const d = new Draw(seed);
  const w = d.stream('workload');
  const days = between(w, 3, 45);
  // Now and then the run stops half an hour into the first client's last night, which may then still be going
  // inside its window (open) or past it (missed); otherwise at any hour.
  const lastNight = w.bernoulli(0.3) ? between(w, 0, 23) : null;
  const until = lastNight === null ? `${days * 24 + between(w, 0, 23)} h` : `${(days * 24 + lastNight) * 60 + 30} min`;
  const clients = Array.from({ length: between(w, 1, 3) }, (_, i) => `client${i + 1}`);
  const at = () => `${pad(between(w, 0, 23))}:${pad(pick(w, [0, 15, 30, 59]))}`;
  // Every form has an occurrence before until: the calendar starts on 2026-01-01, a Thursday.
  const schedule = (): string => {
    const form = pick(w, days >= 7 ? ['daily', 'daily', 'weekly', 'monthly'] : ['daily', 'monthly']);
    if (form === 'daily') return `daily ${at()}`;
    if (form === 'monthly') return `monthly ${between(w, 1, Math.min(28, days - 1))} ${at()}`;
    return `weekly ${WEEKDAYS.filter(() => w.bernoulli(0.4)).concat(pick(w, WEEKDAYS)).filter((x, i, all) => all.indexOf(x) === i).join(',')} ${at()}`;
  };
  const levels = (): Doc => (w.bernoulli(0.4) ? { level: pick(w, LEVELS) } : {
    levels: {
      full: pick(w, ['weekly Sun', 'weekly Sat', 'monthly 1', 'monthly -1']),
      ...(w.bernoulli(0.4) ? { differential: pick(w, ['weekly Wed', 'weekly Mon,Thu', 'daily']) } : {}),
      ...(w.bernoulli(0.3) ? { 'synthetic-full': pick(w, ['weekly Fri', 'monthly 15']) } : {}),
      otherwise: pick(w, ['incremental', 'incremental', 'differential']),
    },
  });
  const job = (client: string, i: number): Doc => {
    const windowed = w.bernoulli(0.7);
    return {
      kind: 'backup', schedule: i === 0 && lastNight !== null ? `daily ${pad(lastNight)}:00` : schedule(),
      ...(windowed ? { window: pick(w, ['20 min', '1 h', '3 h', '8 h']), ...(w.bernoulli(0.4) ? { onMiss: pick(w, ['continue', 'cancel']) } : {}) } : {}),
      retries: between(w, 0, 3), retryPeriod: pick(w, ['5 min', '20 min', '1 h']),
      data: {
        size: sizeMB(w, 1e8, 2e12), change: pick(w, ['0 %/day', '0.5 %/day', '1 %/day', '5 %/day', '40 %/day']),
        growth: pick(w, ['0 %/day', '0.1 %/day', '1 %/day']), overlap: pick(w, ['random', 'none']),
        ...(w.bernoulli(0.4) ? { changeSpread: pick(w, [0.3, 1, 3]) } : {}),
      },
      ...levels(),
      steps: [{ transfer: { route: [`${client}-lan`], bytes: 'data' } }],
    };
  };
  const jobs = Object.fromEntries(clients.map((c, i) => [`${c}-backup`, job(c, i)]));

  const t = d.stream('topology');
  const links = Object.fromEntries(clients.map((c) => [`${c}-lan`, { between: [c, 'server'], bandwidth: pick(t, ['50 MB/s', '125 MB/s', '1.25 GB/s']), latency: pick(t, ['0.1 ms', '1 ms']) }]));

  const f = d.stream('faults');
  const horizon = days * DAY_S;
  const list: Doc[] = [];
  const count = faults === 'none' ? 0 : faults === 'light' ? 1 : between(f, 2, 5);
  for (let k = 0; k < count; k++) {
    const link = `${pick(f, clients)}-lan`;
    if (f.bernoulli(0.3)) {
      list.push({ random: { kind: 'link-flap', targets: [link], mtbf: pick(f, ['6 h', '2 d']), mttr: pick(f, ['1 min', '30 min', '3 h']), until: `${horizon} s` } });
    } else {
      // Back up at most half a day later, and before the run's until, where a fault is refused.
      const down = between(f, 1, horizon - DAY_S / 2 - 1);
      list.push({ at: `${down} s`, 'link-down': link }, { at: `${down + between(f, 60, DAY_S / 2)} s`, 'link-up': link });
    }
  }

  return {
    name: `fuzz schedules ${seed}`, seed, until,
    calendar: { epoch: '2026-01-01 00:00' },
    topology: { hosts: Object.fromEntries(['server', ...clients].map((h) => [h, {}])), links },
    workload: { jobs },
    ...(list.length ? { faults: list } : {}),
    checks: ['events >= 0'],
  };
};
