// Reads .ics files with ical.js (Mozilla's parser, Thunderbird's) and prints, per file, every event's
// start and end as UTC instants: {"file": [{"uid": ..., "start": "2019-10-22T17:30:00Z", "allDay": false}]}.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const result = {};
for (const file of process.argv.slice(2)) {
  const calendar = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const zone of calendar.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  result[file] = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const instant = (time) => (time ? (time.isDate ? time.toString() : time.toJSDate().toISOString().replace(".000Z", "Z")) : null);
    return { uid: event.uid, start: instant(event.startDate), end: instant(event.endDate), allDay: event.startDate.isDate };
  });
}
process.stdout.write(JSON.stringify(result));
