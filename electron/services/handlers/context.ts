/**
 * What every domain's handlers get: the open project (or a NO_PROJECT error), the service
 * options, and the session operations that switch projects.
 */
import type { ApiParsedRequest, ApiRequest, ApiResponse, Channel } from '../../../shared/api/contract';
import type { ProjectSummary } from '../../../shared/domain/types';
import type { ServiceOptions } from '../api-service';
import type { FileGrants } from '../files/file-grants';
import type { CallContext } from '../files/page-paths';
import type { RecentProjects } from '../recent-projects';
import type { MachineCoders } from '../coders/machine-coders';
import type { ProjectStore } from '../store/project-store';

export interface HandlerContext {
  options: ServiceOptions;
  now: () => Date;
  recent: RecentProjects;
  /** Files the user chose (dialog answers, uploads) and exports waiting to be downloaded. */
  files: FileGrants;
  /** Who codes each project on this machine. */
  machineCoders: MachineCoders;
  /** The open project; throws NO_PROJECT when there is none. */
  requireStore(): ProjectStore;
  currentStore(): ProjectStore | null;
  /**
   * Makes `store` the open project (closing the previous one), records it as recent, and makes
   * the coder remembered for it on this machine the current coder. It announces the change
   * (`project:changed`) unless `announce` is false: then the caller does, once the project is ready.
   */
  adopt(store: ProjectStore, how?: { announce?: boolean }): ProjectSummary;
  closeProject(): void;
  /** An in-process call through the one dispatcher (validation included), for composite work such as the demo. */
  call<C extends Channel>(channel: C, request: ApiRequest<C>): Promise<ApiResponse<C>>;
  openStore(file: string, create: boolean, name?: string): ProjectStore;
}

/** A domain's handlers for the channels it owns; `call` says which transport the call came from. */
export type HandlersFor<C extends Channel> = {
  [K in C]: (req: ApiParsedRequest<K>, call: CallContext) => ApiResponse<K> | Promise<ApiResponse<K>>;
};
