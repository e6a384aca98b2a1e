// The command line of `yarn bench` (bench/run.js): its usage text and options.
const usage = `Usage: yarn bench [options]   (or: node bench/run.js [options])

  --services N         services in the generated organisation (default 10000)
  --db D               sqlite | postgres | both (default both)
  --quick              smoke test: 500 services, fewer repetitions
  --reps N             measured repetitions of each HTTP request (default 15, quick 5)
  --page-reps N        measured page loads of each page (default 5, quick 2)
  --months N           months of measured data (default 13)
  --hourly-days N      the measured service's team: days of hourly SLI buckets, daily before
                       (default 2); everybody else: 1 day
  --sli-bucket-days N  everybody else: daily SLI buckets summed into N-day buckets (default 7)
  --capacity-every N   everybody else: one capacity sample every N days (default 7)
  --full-detail        everybody at the measured team's detail (about 4× the records)
  --ingest-minutes N   stop sending measured data after N minutes (default 8); the rest is
                       not sent, the table says how much was
  --settle-seconds N   how long to wait at most for the backend to finish its work after the
                       ingestion (default 300)
  --build              always build the frontend and our backend's packages first
  --no-build           never build them (use packages/app/dist and each package's dist as
                       they are)
  --port N             first port to try for the backends (default 7010)
  --ingestion-only     only our backend, its catalog and the ingestion against the raw insert
                       (no baseline, requests or pages): the ingestion figure in minutes
  --scaling N,N,…      instead of the comparison: one full recomputation of the overview at
                       each size (in-process, real database, the plugin's own refresher), its
                       time and memory and their growth per doubling
  -h, --help           this text

PostgreSQL: 127.0.0.1:5432, user postgres, trust auth. Each run creates its own databases
(sd_bench_<timestamp>_*) and drops them at the end. Results: bench/results/latest.md and
bench/results/<timestamp>/ (logs, results.json).`;

function parseArgs(argv) {
  const options = {
    services: 10000,
    db: 'both',
    quick: false,
    build: 'auto',
    port: 7010,
    months: 13,
    hourlyDays: 2,
    sliBucketDays: 7,
    capacityEvery: 7,
    fullDetail: false,
    settleSeconds: 300,
    ingestMinutes: 8,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const number = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${arg} needs a whole number ≥ 1`);
      return n;
    };
    switch (arg) {
      case '--services':
        options.services = number();
        options.servicesGiven = true;
        break;
      case '--db':
        options.db = value();
        if (!['sqlite', 'postgres', 'both'].includes(options.db)) {
          throw new Error('--db is sqlite, postgres or both');
        }
        break;
      case '--quick':
        options.quick = true;
        break;
      case '--reps':
        options.reps = number();
        break;
      case '--page-reps':
        options.pageReps = number();
        break;
      case '--months':
        options.months = number();
        break;
      case '--hourly-days':
        options.hourlyDays = number();
        break;
      case '--capacity-every':
        options.capacityEvery = number();
        break;
      case '--sli-bucket-days':
        options.sliBucketDays = number();
        break;
      case '--full-detail':
        options.fullDetail = true;
        break;
      case '--ingest-minutes':
        options.ingestMinutes = number();
        break;
      case '--settle-seconds':
        options.settleSeconds = number();
        break;
      case '--build':
        options.build = 'always';
        break;
      case '--ingestion-only':
        options.ingestionOnly = true;
        break;
      case '--no-build':
        options.build = 'never';
        break;
      case '--port':
        options.port = number();
        break;
      case '--scaling':
        options.scaling = value()
          .split(',')
          .map(n => {
            const size = Number(n);
            if (!Number.isInteger(size) || size < 1) {
              throw new Error(
                `--scaling takes sizes such as 1000,2500,5000,10000`,
              );
            }
            return size;
          });
        break;
      case '-h':
      case '--help':
        console.log(usage);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n\n${usage}`);
    }
  }
  if (options.quick && !options.servicesGiven) options.services = 500;
  options.reps ??= options.quick ? 5 : 15;
  options.warmup = options.quick ? 2 : 3;
  options.pageReps ??= options.quick ? 2 : 5;
  options.pageWarmup = 1;
  options.pairCapSeconds = options.quick ? 20 : 90;
  options.pageCapSeconds = options.quick ? 60 : 180;
  options.dbs = options.db === 'both' ? ['sqlite', 'postgres'] : [options.db];
  return options;
}

module.exports = { parseArgs, usage };
