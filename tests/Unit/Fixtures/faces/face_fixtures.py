#!/usr/bin/python3
"""Face test fixtures from Debian packages, run by the xunit face tests as a child process.

  face_fixtures.py images OUT       real photos as PNG: skimage's astronaut and camera, matplotlib's
                                     grace_hopper, skimage photos without a face, and skimage's LFW
                                     subset (100 faces, 100 non-faces) prepared as lfw/face_NNN.png and
                                     lfw/nonface_NNN.png (see prepare_lfw).
  face_fixtures.py dnn MODEL IN OUT  runs MODEL in OpenCV's cv2.dnn on IN (raw float32 [1,256,256,3])
                                     and writes the four outputs, in graph order, as raw float32 to OUT.

Needs python3-skimage, python3-opencv and python-matplotlib-data (Debian).
"""
import os
import sys

import numpy as np
import cv2

LFW_UPSCALE = 3        # 25 px crops -> 75 px (bicubic)
LFW_CANVAS = 256       # centred on a 256 px canvas, the crop's border pixels extended outwards
NON_FACE_PHOTOS = ["coffee", "rocket", "horse", "grass", "gravel", "brick", "hubble_deep_field", "coins", "moon", "retina"]
GRACE_HOPPER = "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"


def write_rgb(path, rgb):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if rgb.ndim == 2:
        rgb = np.stack([rgb] * 3, axis=-1)
    if not cv2.imwrite(path, cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)):
        raise SystemExit("cannot write " + path)


def prepare_lfw(crop):
    """A 25x25 grey crop in [0,1] -> a 256x256 8-bit image: upscaled 3x (bicubic), border pixels extended.

    The LFW crops are tight around the face; the back model expects a face to fill part of its
    256 px input, not all of it, so the crop is enlarged to 75 px (29 % of the input, inside the
    model's anchor scales of 15-75 %) and the canvas around it continues the crop's own border
    pixels (edge padding): a flat frame would draw a hard square around every crop, a face-like
    outline the model answers to. Faces and non-faces get exactly the same treatment. The choice
    (3x, edge) was made on crops 0-49 of each class; 50-99 are the held-out half.
    """
    big = cv2.resize(crop.astype(np.float32), None, fx=LFW_UPSCALE, fy=LFW_UPSCALE, interpolation=cv2.INTER_CUBIC)
    before = (LFW_CANVAS - big.shape[0]) // 2
    after = LFW_CANVAS - big.shape[0] - before
    canvas = np.pad(big, ((before, after), (before, after)), mode="edge")
    return (np.clip(canvas, 0, 1) * 255 + 0.5).astype(np.uint8)


def images(out):
    import skimage.data as data
    write_rgb(os.path.join(out, "astronaut.png"), data.astronaut())
    write_rgb(os.path.join(out, "camera.png"), data.camera())
    hopper = cv2.imread(GRACE_HOPPER, cv2.IMREAD_COLOR)
    if hopper is None:
        raise SystemExit("missing " + GRACE_HOPPER + " (python-matplotlib-data)")
    write_rgb(os.path.join(out, "grace_hopper.png"), cv2.cvtColor(hopper, cv2.COLOR_BGR2RGB))
    for name in NON_FACE_PHOTOS:
        image = getattr(data, name)()
        if image.dtype != np.uint8:
            image = (np.clip(image, 0, 1) * 255).astype(np.uint8)
        if image.ndim == 3 and image.shape[2] == 4:
            image = image[:, :, :3]
        write_rgb(os.path.join(out, "nonface", name + ".png"), image)
    lfw = data.lfw_subset()
    if lfw.shape != (200, 25, 25):
        raise SystemExit("unexpected lfw_subset shape %s" % (lfw.shape,))
    for i in range(100):
        write_rgb(os.path.join(out, "lfw", "face_%03d.png" % i), prepare_lfw(lfw[i]))
        write_rgb(os.path.join(out, "lfw", "nonface_%03d.png" % i), prepare_lfw(lfw[100 + i]))
    print("ok")


def dnn(model, tensor_path, out):
    x = np.fromfile(tensor_path, dtype=np.float32).reshape(1, 256, 256, 3)
    net = cv2.dnn.readNetFromONNX(model)
    net.setInput(x)
    names = ["Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"]
    outs = net.forward(names)
    np.concatenate([o.astype(np.float32).ravel() for o in outs]).tofile(out)
    print(" ".join("%s%s" % (n, list(o.shape)) for n, o in zip(names, outs)))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "images":
        images(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "dnn":
        dnn(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit(__doc__)
