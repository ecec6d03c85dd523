/** One invalid field: `path` names it (`placements[1].endDate`), `message` tells the user what to do. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}
