// The chart's lines as SVG path data, by plain arithmetic on the server (no chart script in the
// browser). A day without accounts (null) breaks the line rather than drawing a zero.

export type Frame = {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
};

/** The x of point `index` of `count`, and the y of a percentage, inside the frame's margins. */
export function scales(frame: Frame, count: number) {
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  return {
    x: (index: number) => frame.left + (count <= 1 ? 0 : (index * plotWidth) / (count - 1)),
    y: (percent: number) => frame.top + plotHeight - (percent * plotHeight) / 100,
  };
}

export function linePath(values: (number | null)[], frame: Frame): string {
  const { x, y } = scales(frame, values.length);
  let path = "";
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null) {
      drawing = false;
      return;
    }
    path += `${drawing ? "L" : "M"}${x(index).toFixed(1)} ${y(value).toFixed(1)}`;
    drawing = true;
  });
  return path;
}
