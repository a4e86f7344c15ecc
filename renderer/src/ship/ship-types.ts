import type { CallInput, CallOutput } from '../../../electron/shared/api-contract';

/** The Ship screen's view of the contract, named once. */
export type SourceScan = CallOutput<'scanBundleSource'>;
export type BinaryFile = SourceScan['binaries'][number];
export type Bundle = CallOutput<'listBundles'>['bundles'][number];
export type BundleFormat = Bundle['format'];
export type VerifyResult = CallOutput<'verifyBundle'>;
export type ShipInput = CallInput<'startShip'>;
export type ShipChannelInput = ShipInput['channel'];
export type EmailResult = CallOutput<'writeEmailBundle'>;
export type Shipment = CallOutput<'listShipments'>['shipments'][number];

export const BUNDLE_FORMATS: readonly BundleFormat[] = ['tar.gz', 'zip'];
