/**
 * sprig functions score-ts leaves out on purpose, declared with their Go signatures so that a file mentioning
 * them still parses (as it does in score-k8s) and a call fails with the reason: key and certificate
 * generation (Node's key generation cannot draw from the run's random source, so SCORE_TS_SEED could not make
 * the output reproducible; an X.509 writer and RSA/ECDSA key generation from that source would be needed) and
 * getHostByName (a template must not reach the network: a run depends on its files and flags only).
 */
import { GoFuncError } from '../errors.js';
import { goFunc, type GoFunc } from '../funcs.js';
import { T, sliceOf, structType, type GoType } from '../go-types.js';

/** sprig's certificate: the PEM texts of a certificate and its key. */
const CERTIFICATE = structType('sprig.certificate', [
  { name: 'Cert', type: T.string },
  { name: 'Key', type: T.string },
]);
const list = sliceOf(T.any);

const CERTIFICATES =
  'key and certificate generation is not available in score-ts templates (it could not be reproduced from SCORE_TS_SEED); create the certificate outside score-ts and pass it in';
const NETWORK = 'getHostByName is not available in score-ts templates: a template does not reach the network';

function unavailable(params: readonly GoType[], result: GoType, reason: string, canFail: boolean): GoFunc {
  return goFunc(
    params,
    result,
    () => {
      throw new GoFuncError(reason);
    },
    { canFail },
  );
}

export const UNSUPPORTED_FUNCS: Readonly<Record<string, GoFunc>> = {
  genPrivateKey: unavailable([T.string], T.string, CERTIFICATES, false),
  buildCustomCert: unavailable([T.string, T.string], CERTIFICATE, CERTIFICATES, true),
  genCA: unavailable([T.string, T.int], CERTIFICATE, CERTIFICATES, true),
  genCAWithKey: unavailable([T.string, T.int, T.string], CERTIFICATE, CERTIFICATES, true),
  genSelfSignedCert: unavailable([T.string, list, list, T.int], CERTIFICATE, CERTIFICATES, true),
  genSelfSignedCertWithKey: unavailable([T.string, list, list, T.int, T.string], CERTIFICATE, CERTIFICATES, true),
  genSignedCert: unavailable([T.string, list, list, T.int, CERTIFICATE], CERTIFICATE, CERTIFICATES, true),
  genSignedCertWithKey: unavailable([T.string, list, list, T.int, CERTIFICATE, T.string], CERTIFICATE, CERTIFICATES, true),
  getHostByName: unavailable([T.string], T.string, NETWORK, false),
};
