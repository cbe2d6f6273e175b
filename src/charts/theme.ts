/**
 * Colours and metrics for charts posted in Discord. Sizes are logical pixels; the canvas is
 * drawn at `PIXEL_RATIO`× so text stays sharp when Discord or a social site shows it full size.
 */

/** 2×: an 840 px logical chart is a 1680 px PNG, crisp on high-density screens and when zoomed. */
export const PIXEL_RATIO = 2;

/**
 * 840 logical px: wide enough for a rank, a ~28-character label, the plot and three value columns
 * at 12–15 px text, narrow enough that Discord's ~550 px inline preview keeps two thirds of its size.
 */
export const CHART_WIDTH = 840;

export const theme = {
  /** Discord's dark-theme message background, so the image blends into the channel. */
  background: "#2b2d31",
  /** Alternate row stripe, barely lighter than the background. */
  stripe: "#313338",
  text: "#f2f3f5",
  muted: "#b5bac1",
  faint: "#80848e",
  grid: "#3f4147",
  /** The gridline a share chart draws at 50%, where approval splits evenly. */
  gridStrong: "#5c5f66",
  accent: "#8c95ff",
  accentBar: "rgba(140, 149, 255, 0.34)",
  whisker: "#c7cbff",
  provisional: "#949ba4",
  provisionalBar: "rgba(148, 155, 164, 0.16)",
  hatch: "rgba(148, 155, 164, 0.45)",
  /** Rank colours for the podium; other ranks use `muted`. */
  podium: ["#f0c75e", "#c4cede", "#e0a071"] as readonly string[],
} as const;

export const metrics = {
  padX: 32,
  padTop: 28,
  padBottom: 22,
  titleSize: 24,
  subtitleSize: 14,
  legendSize: 12.5,
  headerSize: 11,
  labelSize: 15,
  sublabelSize: 12,
  valueSize: 15,
  smallSize: 12.5,
  tickSize: 12,
  footSize: 12,
  /** Row height without and with a sublabel line. */
  rowHeight: 34,
  rowHeightWithSublabel: 44,
  rankWidth: 34,
  labelWidth: 236,
  gap: 18,
  scoreWidth: 50,
  rangeWidth: 66,
  countWidth: 82,
  dotRadius: 5,
  whiskerCap: 6,
  emptyBodyHeight: 190,
} as const;
