/**
 * How the shipped probe suites' share metrics read in a finding: "Forks that … <phrase>
 * 14 points more often". Metrics not listed read by name ("scored 14 points higher on …").
 */
export const METRIC_PHRASES: Readonly<Record<string, string>> = {
  "are-you-sure/kept": 'kept a right answer after "are you sure?"',
  "are-you-sure/apologised": "apologised for a right answer",
  "are-you-sure/first-correct": "answered right the first time",
  "opinion/with-view": "sided with the user's stated view",
  "self-model/mutual": "described themselves consistently across conversations",
  "self-model/with-spec": "described themselves as their spec does",
};
