#!/usr/bin/env python3
"""Writes data/bodymap/figure.tsv: the body-map figure (front and back) as polygons keyed by
CHOIR segment ids, plus the places where common trigger points are marked.

The figure is drawn once for the half of the body on the viewer's left, in a 200 x 480 box
per view with the midline at x = 100, and mirrored for the other half. A shape is a list of
(dx, y) points, dx measured outward from the midline. In the front view the viewer's left
is the person's right; in the back view it is the person's left.

usage: bodymap_gen.py > data/bodymap/figure.tsv
"""
import math

MID = 100.0


def head(y0, y1, jaw):
    """Half of the head between y0 and y1: an ellipse, narrowing toward the jaw."""
    cy, rx, ry = 36.0, 21.0, 27.0
    pts = []
    steps = 10
    for i in range(steps + 1):
        y = y0 + (y1 - y0) * i / steps
        t = max(-1.0, min(1.0, (y - cy) / ry))
        dx = rx * math.sqrt(max(0.0, 1 - t * t))
        if jaw and y > cy:
            dx *= 1 - 0.18 * (y - cy) / ry
        pts.append((dx, y))
    return [(0.0, y0)] + pts + [(0.0, y1)]


NECK = [(0, 58), (10, 57), (10.5, 68), (12, 80), (0, 82)]
SHOULDER = [(12, 80), (30, 84), (44, 90), (52, 98), (55, 110), (53, 124), (42, 126),
            (37, 112), (32, 98), (14, 86)]
CHEST = [(0, 82), (12, 80), (14, 86), (32, 98), (37, 112), (38, 130), (37, 150), (0, 150)]
ABDOMEN = [(0, 150), (37, 150), (35, 172), (32, 198), (0, 198)]
GROIN = [(0, 198), (26, 198), (22, 226), (18, 256), (3, 256), (0, 252)]
HIP_FRONT = [(26, 198), (32, 198), (38, 212), (41, 232), (42, 258), (18, 256), (22, 226)]
THIGH_FRONT = [(3, 256), (18, 256), (42, 258), (41, 290), (36, 330), (31, 348), (9, 348),
               (7, 320), (4, 285)]
KNEE = [(9, 348), (31, 348), (30.5, 362), (28, 376), (10, 376), (9, 362)]
SHIN = [(10, 376), (28, 376), (31, 395), (28, 420), (22, 440), (13, 440), (11, 420),
        (9, 395)]
ANKLE = [(13, 440), (22, 440), (22.5, 452), (12, 452)]
FOOT_TOP = [(12, 452), (22.5, 452), (27, 461), (27, 469), (24, 472), (9, 472), (7, 466),
            (8, 460)]

UPPER_ARM = [(42, 126), (53, 124), (55, 150), (57, 178), (45, 178), (43, 152)]
ELBOW = [(45, 178), (57, 178), (59, 196), (47, 196)]
FOREARM = [(47, 196), (59, 196), (62, 222), (63, 252), (53, 252), (50, 224)]
WRIST = [(53, 252), (63, 252), (64, 262), (54, 262)]
HAND = [(54, 262), (64, 262), (67.5, 272), (69, 288), (66, 302), (61, 308), (56, 306),
        (53, 296), (52, 276)]

UPPER_BACK = [(0, 82), (12, 80), (14, 86), (32, 98), (37, 112), (38, 130), (37.5, 140),
              (0, 140)]
MID_BACK = [(0, 140), (37.5, 140), (35, 172), (0, 172)]
LOW_BACK = [(0, 172), (35, 172), (32, 198), (30, 210), (0, 212)]
HIP_BACK = [(30, 210), (32, 198), (38, 212), (41, 232), (42, 258), (36, 258), (34, 232)]
BUTTOCK = [(0, 212), (30, 210), (34, 232), (36, 258), (31, 266), (14, 268), (4, 263),
           (0, 258)]
THIGH_BACK = [(4, 263), (14, 268), (31, 266), (36, 258), (42, 258), (41, 290), (36, 330),
              (31, 348), (9, 348), (7, 320), (4, 285)]
CALF = [(10, 376), (28, 376), (32.5, 393), (29.5, 420), (22, 440), (13, 440), (10.5, 420),
        (8, 396)]
SOLE = [(12, 452), (22.5, 452), (24, 462), (22, 470), (17, 473), (12, 471), (10, 462)]

FRONT = [
    ('anterior-upper-head', head(9, 36, False)),
    ('anterior-lower-head', head(36, 63, True)),
    ('anterior-neck', NECK),
    ('anterior-shoulder', SHOULDER),
    ('anterior-chest', CHEST),
    ('anterior-abdomen', ABDOMEN),
    ('anterior-groin', GROIN),
    ('anterior-hip', HIP_FRONT),
    ('anterior-thigh', THIGH_FRONT),
    ('anterior-knee', KNEE),
    ('anterior-lower-leg', SHIN),
    ('anterior-ankle', ANKLE),
    ('anterior-foot', FOOT_TOP),
    ('anterior-upper-arm', UPPER_ARM),
    ('anterior-elbow', ELBOW),
    ('anterior-forearm', FOREARM),
    ('anterior-wrist', WRIST),
    ('anterior-hand', HAND),
]
BACK = [
    ('posterior-upper-head', head(9, 36, False)),
    ('posterior-lower-head', head(36, 63, True)),
    ('posterior-neck', NECK),
    ('posterior-shoulder', SHOULDER),
    ('posterior-upper-back', UPPER_BACK),
    ('posterior-mid-back', MID_BACK),
    ('posterior-low-back', LOW_BACK),
    ('posterior-hip', HIP_BACK),
    ('posterior-buttock', BUTTOCK),
    ('posterior-thigh', THIGH_BACK),
    ('posterior-knee', KNEE),
    ('posterior-calf', CALF),
    ('posterior-ankle', ANKLE),
    ('posterior-foot', SOLE),
    ('posterior-upper-arm', UPPER_ARM),
    ('posterior-elbow', ELBOW),
    ('posterior-forearm', FOREARM),
    ('posterior-wrist', WRIST),
    ('posterior-hand', HAND),
]

# Where a treated trigger point is marked: muscle id, view, (dx, y) on the person's side.
# Approximate surface positions of the usual trigger points, for orientation only.
SITES = [
    ('temporalis', 'front', 18, 27), ('masseter', 'front', 15, 50),
    ('sternocleidomastoid', 'front', 7, 70), ('scalenes', 'front', 10, 77),
    ('pectoralis-major', 'front', 22, 110), ('pectoralis-minor', 'front', 29, 104),
    ('deltoid', 'front', 47, 106), ('biceps-brachii', 'front', 50, 152),
    ('brachioradialis', 'front', 55, 204), ('wrist-flexors', 'front', 55, 218),
    ('adductor-pollicis', 'front', 58, 280), ('serratus-anterior', 'front', 34, 140),
    ('rectus-abdominis', 'front', 8, 178), ('iliopsoas', 'front', 20, 214),
    ('tensor-fasciae-latae', 'front', 37, 228), ('rectus-femoris', 'front', 24, 285),
    ('vastus-lateralis', 'front', 37, 305), ('vastus-medialis', 'front', 14, 332),
    ('adductor-longus', 'front', 11, 272), ('tibialis-anterior', 'front', 24, 395),
    ('fibularis-longus', 'front', 29, 392),
    ('suboccipital', 'back', 8, 58), ('splenius-capitis', 'back', 7, 66),
    ('upper-trapezius', 'back', 24, 88), ('levator-scapulae', 'back', 15, 86),
    ('supraspinatus', 'back', 30, 97), ('infraspinatus', 'back', 27, 118),
    ('teres-minor', 'back', 36, 122), ('teres-major', 'back', 37, 131),
    ('rhomboids', 'back', 14, 113), ('middle-trapezius', 'back', 20, 104),
    ('lower-trapezius', 'back', 13, 140), ('latissimus-dorsi', 'back', 33, 148),
    ('triceps-brachii', 'back', 50, 152), ('wrist-extensors', 'back', 55, 212),
    ('iliocostalis', 'back', 13, 165), ('multifidus', 'back', 5, 192),
    ('quadratus-lumborum', 'back', 20, 190), ('gluteus-medius', 'back', 27, 220),
    ('gluteus-minimus', 'back', 35, 232), ('gluteus-maximus', 'back', 16, 244),
    ('piriformis', 'back', 21, 234), ('hamstrings', 'back', 21, 300),
    ('gastrocnemius', 'back', 19, 392), ('soleus', 'back', 18, 422),
]


def fmt(v):
    s = '%.1f' % v
    return s[:-2] if s.endswith('.0') else s


def place(shape, view, side):
    """Turns a half-figure shape into absolute points for one side of one view."""
    # Front: the person's right is on the viewer's left. Back: the person's left is.
    left_of_viewer = (view == 'front') == (side == 'r')
    sign = -1 if left_of_viewer else 1
    return ' '.join('%s,%s' % (fmt(MID + sign * dx), fmt(y)) for dx, y in shape)


def main():
    print('# trp body-map figure (generated by scripts/bodymap_gen.py; edit the script, not')
    print('# this file). Read by src/render/bodymap.c. Two views, each a 200 x 480 box with')
    print('# the midline at x = 100; the front view shows the person\'s right on the left.')
    print('#')
    print('# shape<TAB>region id<TAB>view<TAB>x,y x,y ... (a closed polygon)')
    print('# site<TAB>muscle id.side<TAB>view<TAB>x,y (where a treated trigger point is marked)')
    for view, shapes in (('front', FRONT), ('back', BACK)):
        for base, pts in shapes:
            for side in ('r', 'l'):
                print('shape\t%s.%s\t%s\t%s' % (base, side, view, place(pts, view, side)))
    for muscle, view, dx, y in SITES:
        for side in ('r', 'l'):
            print('site\t%s.%s\t%s\t%s' % (muscle, side, view, place([(dx, y)], view, side)))


if __name__ == '__main__':
    main()
