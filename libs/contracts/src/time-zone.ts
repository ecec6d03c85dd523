/** Calendar dates in the api (`YYYY-MM-DD`) are dates in this zone unless a region's policy says otherwise. */
export { DEFAULT_TIME_ZONE, SUPPORTED_TIME_ZONES, type TimeZone } from '@doorloop/domain';
