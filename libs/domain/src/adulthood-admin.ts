import { type ChecklistAnswer, checklistErrors } from './exit-checklist';
import type { FieldError } from './field-error';

/** DOMAIN.md's adulthood administration ("18-min/18-plus" practicalities), answered like the exit checklist. */
export const ADULTHOOD_ADMIN_ITEMS = [
  'health-insurance',
  'income',
  'id-and-digid',
  'bank-account',
  'address-registration',
  'mentorship-or-administration',
] as const;

export type AdulthoodAdminItem = (typeof ADULTHOOD_ADMIN_ITEMS)[number];

export const ADULTHOOD_ADMIN_LABELS: Readonly<Record<AdulthoodAdminItem, string>> = {
  'health-insurance': 'Health insurance and care allowance (zorgverzekering, zorgtoeslag)',
  income: 'Income (bijstand, student finance, Wajong)',
  'id-and-digid': 'ID and DigiD',
  'bank-account': 'Bank account',
  'address-registration': 'Address in the BRP',
  'mentorship-or-administration': 'Mentorschap or beschermingsbewind where needed',
};

export type AdulthoodAdminChecklist = Readonly<Partial<Record<AdulthoodAdminItem, ChecklistAnswer>>>;

/** Every item answered: arranged, not needed, or not arranged with a reason. Paths are `<path>.<item>`. */
export function validateAdulthoodAdmin(checklist: AdulthoodAdminChecklist, path = 'checklist'): FieldError[] {
  return checklistErrors(checklist, ADULTHOOD_ADMIN_ITEMS, ADULTHOOD_ADMIN_LABELS, path, true);
}
