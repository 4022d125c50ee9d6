// The service levels a screen judges due times with: the saved ones once read, the defaults for the
// moment before (the same defaults main uses until an administrator saves).
import { useEffect } from 'react';
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../../../src-shared/sla';
import { useSlaPolicyStore } from './store';

export function useSlaPolicy(): SlaPolicy {
  const policy = useSlaPolicyStore((state) => state.policy.data);
  const ensureLoaded = useSlaPolicyStore((state) => state.ensureLoaded);
  useEffect(() => {
    void ensureLoaded();
  }, [ensureLoaded]);
  return policy ?? DEFAULT_SLA_POLICY;
}
