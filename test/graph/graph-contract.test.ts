import { describePlanStoreContract } from '../store/contract.js';
import { startRig } from './harness.js';

describePlanStoreContract('sharepoint (GraphPlanStore on the local Graph server)', async () => {
  const rig = await startRig();
  const store = await rig.open();
  return { store, cleanup: () => rig.close() };
});
