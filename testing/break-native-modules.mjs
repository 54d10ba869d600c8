// `node --import ./testing/break-native-modules.mjs`: makes node-hid and serialport fail to load,
// as on a desk whose native addons were built for another ABI. The hardware host must survive it.
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, next) {
  if (specifier === 'node-hid' || specifier === 'serialport' || specifier.startsWith('@serialport/')) {
    throw new Error('simulated load failure: ' + specifier + ' was compiled against a different Node.js version');
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
