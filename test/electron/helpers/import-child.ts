/**
 * Run in a child process by import-service.test.ts: imports INPUT into PROJECT and, once the
 * transaction has stored its first chunk of records, prints "MID-TRANSACTION" and blocks, so
 * the test can SIGKILL it with the transaction open.
 */
import { ProjectStore } from '../../../electron/services/store/project-store';
import { importRecords } from '../../../electron/services/import/import-service';
import { asCoder } from '../../helpers/coder';

const [project, input] = process.argv.slice(2);
const store = ProjectStore.open(project!);
asCoder(store);
importRecords(store, [{ name: input!, path: input! }], {
  onProgress: (p) => {
    if (p.label === 'Storing records' && p.done > 0) {
      process.stdout.write('MID-TRANSACTION\n');
      // Block this thread (inside the open transaction) until the test kills the process.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
    }
  },
});
process.stdout.write('COMMITTED\n');
store.close();
