// The drawing pad of notebook 08: a canvas to draw a digit on, the 28 × 28 input the
// model sees, and its ten probabilities. The Python side (drawing_pad.py) prepares the
// drawing and asks the model; this file only draws and sends the picture.
//
// Pointer events serve the mouse, a pen and a finger alike.

const SIDE = 280; // pixels of the canvas
const PEN = 18; // pixels: a stroke about as thick, for its size, as MNIST's

function element(tag, className, text) {
  const made = document.createElement(tag);
  made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

function render({ model, el }) {
  el.classList.add("drawing-pad");
  // The pad's words, in the learner's language: drawing_pad.py sends them.
  const labels = model.get("labels");

  // The canvas: dark ink on white, like paper, so the drawing goes through the same
  // steps as a photo, inversion included.
  const canvas = element("canvas", "drawing-pad-canvas");
  canvas.width = canvas.height = SIDE;
  canvas.setAttribute("aria-label", labels.canvas);
  const pen = canvas.getContext("2d");
  const clearCanvas = () => {
    pen.fillStyle = "white";
    pen.fillRect(0, 0, SIDE, SIDE);
  };
  clearCanvas();

  let drawing = false;
  const at = (event) => {
    const box = canvas.getBoundingClientRect();
    return [
      ((event.clientX - box.left) * SIDE) / box.width,
      ((event.clientY - box.top) * SIDE) / box.height,
    ];
  };
  canvas.addEventListener("pointerdown", (event) => {
    drawing = true;
    try {
      canvas.setPointerCapture(event.pointerId); // keep the stroke if it leaves
    } catch {
      // a pointer the browser does not know: draw without capturing it
    }
    const [x, y] = at(event);
    Object.assign(pen, { lineWidth: PEN, lineCap: "round", lineJoin: "round" });
    pen.strokeStyle = "black";
    pen.beginPath();
    pen.moveTo(x, y);
    pen.lineTo(x + 0.01, y); // a dot, if the pointer does not move
    pen.stroke();
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!drawing) return;
    const [x, y] = at(event);
    pen.lineTo(x, y);
    pen.stroke();
    event.preventDefault();
  });
  const endStroke = () => {
    if (!drawing) return;
    drawing = false;
    model.set("png", canvas.toDataURL("image/png")); // Python prepares and predicts
    model.save_changes();
  };
  canvas.addEventListener("pointerup", endStroke);
  canvas.addEventListener("pointercancel", endStroke);

  const clearButton = element("button", "drawing-pad-clear", labels.clear);
  clearButton.addEventListener("click", () => {
    clearCanvas();
    model.set("png", "");
    model.save_changes();
  });

  // What the model sees: the 28 × 28 input, enlarged.
  const input = element("canvas", "drawing-pad-input");
  input.width = input.height = 28;

  // The ten probabilities as bars, the top guess marked in bold, not by color alone.
  const bars = element("div", "drawing-pad-bars");
  const columns = [...Array(10).keys()].map((digit) => {
    const column = element("div", "drawing-pad-column");
    const bar = element("div", "drawing-pad-bar");
    const label = element("div", "drawing-pad-label", String(digit));
    column.append(bar, label);
    bars.append(column);
    return { bar, label };
  });
  const guess = element("div", "drawing-pad-guess");
  const message = element("div", "drawing-pad-message");

  const update = () => {
    const pixels = model.get("preview");
    const image = input.getContext("2d").createImageData(28, 28);
    for (let i = 0; i < 28 * 28; i++) {
      const value = Math.round(255 * (pixels.length ? pixels[i] : 0));
      image.data.set([value, value, value, 255], 4 * i);
    }
    input.getContext("2d").putImageData(image, 0, 0);
    const probabilities = model.get("probabilities");
    const top = probabilities.length
      ? probabilities.indexOf(Math.max(...probabilities))
      : -1;
    columns.forEach(({ bar, label }, digit) => {
      const share = probabilities.length ? probabilities[digit] : 0;
      bar.style.height = `${Math.round(100 * share)}px`;
      bar.classList.toggle("top", digit === top);
      label.classList.toggle("top", digit === top);
    });
    guess.dataset.digit = top >= 0 ? String(top) : "";
    guess.textContent =
      top >= 0
        ? labels.top_guess
            .replace("{digit}", String(top))
            .replace("{percent}", String(Math.round(100 * probabilities[top])))
        : "";
    message.textContent = model.get("message");
  };
  for (const name of ["preview", "probabilities", "message"]) {
    model.on(`change:${name}`, update);
  }
  update();

  const drawSide = element("div", "drawing-pad-side");
  drawSide.append(canvas, clearButton);
  const inputSide = element("div", "drawing-pad-side");
  inputSide.append(input, element("div", "drawing-pad-caption", labels.caption));
  const answerSide = element("div", "drawing-pad-side");
  answerSide.append(bars, guess);
  const row = element("div", "drawing-pad-row");
  row.append(drawSide, inputSide, answerSide);
  el.append(row, message);
}

export default { render };
