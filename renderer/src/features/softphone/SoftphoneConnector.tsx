import { useEffect } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { branchline } from '../../bridge/branchline';
import { HeadsetBridge } from './HeadsetBridge';
import { softphone } from './softphone-instance';
import { softphoneFailed } from './softphone-slice';

/** Registers the desk's softphone while an agent is logged in, and unregisters on logout. */
export function SoftphoneConnector() {
  const dispatch = useAppDispatch();
  useEffect(() => {
    let cancelled = false;
    const phone = softphone(dispatch);
    branchline.softphone
      .getConfig()
      .then((config) => (cancelled ? undefined : phone.start(config)))
      .catch((err: unknown) => dispatch(softphoneFailed((err as Error).message ?? String(err))));
    return () => {
      cancelled = true;
      void phone.stop();
    };
  }, [dispatch]);
  return <HeadsetBridge />;
}
