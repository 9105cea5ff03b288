"use client";

import { createContext, useContext } from "react";

export type TimeZoneName = "UTC" | "Africa/Kampala";

const TimeZoneContext = createContext<TimeZoneName>("UTC");

/** Set once in the console shell from the signed-in user's preference. */
export function TimeZoneProvider({ timeZone, children }: { timeZone: TimeZoneName; children: React.ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): TimeZoneName {
  return useContext(TimeZoneContext);
}
