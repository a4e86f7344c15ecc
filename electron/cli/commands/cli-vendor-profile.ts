import { loadVendorProfile, resolveResourcesDir, type VendorProfile } from '../../core/vendor/index';
import { CasekitError } from '../../shared/error-codes';
import { CliExit, EXIT } from '../exit-codes';

/**
 * The vendor profile a command's defaults come from, from the resources/
 * beside the CLI (or CASEKIT_RESOURCES_DIR). An unknown or broken profile is a
 * usage error (exit 2); a Casekit without its resources folder fails (exit 1).
 */
export async function cliVendorProfile(id: string): Promise<VendorProfile> {
  try {
    return await loadVendorProfile(id, { resourcesDir: resolveResourcesDir() });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliExit(
      error instanceof CasekitError && error.code === 'INVALID_INPUT' ? EXIT.USAGE : EXIT.FAILED,
      message,
    );
  }
}
