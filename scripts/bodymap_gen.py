#!/usr/bin/env python3
"""Writes data/bodymap/figure.tsv: the body-map figure (front and back) as polygons keyed by
CHOIR segment ids, the places where common trigger points are marked, and close-ups of the
head and neck, hands and feet with a polygon for each fine region there.

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


# ---- Close-ups for the fine regions: head and neck, hands, feet -----------------------
#
# Each close-up is its own view (a box within 200 x 480; the page crops it to its shapes).
# "outline" rows are drawn for orientation only (a head's silhouette, the fingers on the
# backs of the hands) and are not regions. Every fine region of the head, neck, hands and
# feet appears exactly once, so each is one control with one name.


def ellipse(cx, cy, rx, ry, n=20, a0=0.0, a1=2 * math.pi):
    return [(cx + rx * math.cos(a0 + (a1 - a0) * i / n), cy + ry * math.sin(a0 + (a1 - a0) * i / n))
            for i in range(n + (0 if a1 - a0 >= 2 * math.pi else 1))]


def head_dx(y, cy=100.0, rx=62.0, ry=80.0, jaw=0.0):
    """Half-width of an egg-shaped head at height y (narrower toward the chin with jaw)."""
    t = max(-1.0, min(1.0, (y - cy) / ry))
    dx = rx * math.sqrt(max(0.0, 1 - t * t))
    if y > cy:
        dx *= 1 - jaw * (y - cy) / ry
    return dx


def outline_half(y0, y1, steps=12, **kw):
    return [(head_dx(y0 + (y1 - y0) * i / steps, **kw), y0 + (y1 - y0) * i / steps)
            for i in range(steps + 1)]


FACE_JAW = 0.35
# Half-shapes of the face as (dx, y), dx outward from the midline; "front" mirroring.
FACE = [
    ('forehead', [(0, 36), (30, 36), (30, 64), (0, 64)]),
    ('temple', [(30, 36)] + outline_half(37, 98, 8, jaw=FACE_JAW) + [(46, 98), (46, 64), (30, 64)]),
    ('eyebrow', [(4, 70), (12, 65), (30, 64), (46, 67), (46, 79), (30, 77), (12, 77), (4, 80)]),
    ('behind-eye', [(24 + 15 * math.cos(a * math.pi / 8), 91 + 8 * math.sin(a * math.pi / 8))
                    for a in range(16)]),
    ('cheek', [(16, 101), (46, 100), (47, 128), (34, 140), (18, 134), (14, 116)]),
    ('tmj', [(46, 98), (62, 98), (61, 122), (47, 124)]),
    ('jaw', [(47, 124), (61, 122)] + outline_half(126, 176, 6, jaw=FACE_JAW)[1:] +
     [(16, 176), (16, 160), (19, 136), (34, 141), (47, 129)]),
    ('ear', [(62, 80), (72, 76), (80, 84), (81, 104), (75, 122), (63, 126)]),
    ('deep-ear', [(71 + 6.5 * math.cos(a * math.pi / 6), 100 + 7 * math.sin(a * math.pi / 6))
                  for a in range(12)]),
    ('side-neck', [(28, 168), (40, 160), (42, 196), (50, 232), (30, 232), (28, 200)]),
    ('front-neck', [(9, 182), (28, 170), (28, 200), (30, 232), (14, 232), (12, 206)]),
]
FACE_MID = [
    ('vertex', [(-x, y) for x, y in reversed(outline_half(20, 36, 6))] + outline_half(20, 36, 6)),
    ('nose', [(0, 80), (6, 82), (9, 108), (15, 124), (8, 131), (0, 129), (-8, 131), (-15, 124),
              (-9, 108), (-6, 82)]),
    ('chin', [(0, 158), (16, 160), (16, 176), (10, 182), (0, 184), (-10, 182), (-16, 176),
              (-16, 160)]),
    ('throat', [(0, 190), (9, 182), (12, 206), (14, 232), (-14, 232), (-12, 206), (-9, 182)]),
]
FACE_OUTLINE = ([(-x, y) for x, y in reversed(outline_half(20, 180, 24, jaw=FACE_JAW))] +
                outline_half(20, 180, 24, jaw=FACE_JAW))
MOUTH_LINE = [(-14, 146), (0, 149), (14, 146), (0, 152)]

# The back of the head and neck, "back" mirroring (the person's left on the viewer's left).
HEAD_BACK = [
    ('occiput', [(0, 84), (40, 84), (40, 128), (0, 128)]),
    ('mastoid', [(40, 98)] + outline_half(98, 140, 6, jaw=0.2) + [(44, 142), (40, 128)]),
    ('base-of-skull', [(0, 128), (40, 128), (44, 142), (36, 152), (0, 152)]),
    ('back-neck', [(0, 152), (36, 152), (34, 180), (38, 204), (0, 206)]),
    ('top-of-shoulder', [(36, 152), (48, 176), (70, 184), (92, 192), (96, 212), (60, 210),
                         (38, 204), (34, 180)]),
]
HEAD_BACK_OUTLINE = ([(-x, y) for x, y in reversed(outline_half(20, 150, 20, jaw=0.2))] +
                     outline_half(20, 150, 20, jaw=0.2))
EAR_BACK = [(58, 84), (68, 80), (76, 88), (76, 106), (70, 122), (58, 126)]

# Inside the mouth, seen from the front ("front" mirroring): teeth arches and the tongue.
MOUTH = [
    ('upper-teeth', [(0, 22), (26, 23), (48, 28), (66, 38), (76, 52), (56, 52), (40, 44),
                     (22, 41), (0, 40)]),
    ('lower-teeth', [(0, 126), (26, 125), (48, 120), (66, 110), (76, 96), (56, 96), (40, 104),
                     (22, 107), (0, 108)]),
]
MOUTH_MID = [('tongue', ellipse(0, 74, 46, 18, 24))]
MOUTH_OUTLINE = ellipse(0, 74, 88, 62, 32)

# A right hand seen palm up, fingers up, the thumb pointing to +x. Local coordinates.
FINGERS = [('little-finger', -30, -17, 64), ('ring-finger', -15, -1, 48),
           ('middle-finger', 1, 15, 42), ('index-finger', 17, 30, 52)]


def finger(x0, x1, top):
    r = (x1 - x0) / 2
    arc = [(x0 + r + r * math.cos(math.pi + math.pi * i / 6), top + r + r * math.sin(math.pi + math.pi * i / 6))
           for i in range(7)]
    return [(x0, 112)] + arc + [(x1, 112)]


THUMB = [(30, 146), (39, 128), (47, 112), (52, 104), (58, 106), (60, 114), (54, 132), (44, 156),
         (35, 176), (32, 160)]
PALM_SIDE = [('palm', [(-30, 112), (30, 112), (30, 146), (32, 160), (2, 162), (-30, 152)]),
             ('thenar', [(2, 162), (32, 160), (36, 176), (28, 196), (4, 198)]),
             ('hypothenar', [(-30, 152), (2, 162), (4, 198), (-24, 198), (-31, 176)]),
             ('thumb', THUMB),
             ('wrist-front', [(-24, 198), (28, 198), (28, 224), (-24, 224)])] + \
    [(n, finger(a, b, t)) for n, a, b, t in FINGERS]
BACK_SIDE = [('back-of-hand', [(-30, 112), (20, 112), (24, 136), (30, 146), (32, 160), (36, 176),
                               (28, 198), (-24, 198), (-31, 176), (-30, 152)]),
             ('thumb-web', [(20, 112), (30, 112), (39, 128), (30, 146), (24, 136)]),
             ('wrist-ulnar', [(-24, 198), (-8, 198), (-8, 224), (-24, 224)]),
             ('wrist-back', [(-8, 198), (12, 198), (12, 224), (-8, 224)]),
             ('wrist-radial', [(12, 198), (28, 198), (28, 224), (12, 224)])]
BACK_OUTLINES = [THUMB] + [finger(a, b, t) for _, a, b, t in FINGERS]

def toes(spans, base):
    """One outline around a row of small toes: (x0, x1, top) each, rounded tops."""
    pts = [(spans[0][0], base)]
    for x0, x1, top in spans:
        r = (x1 - x0) / 2
        pts += [(x0 + r + r * math.cos(math.pi + math.pi * i / 4), top + r + r * math.sin(math.pi + math.pi * i / 4))
                for i in range(5)]
    return pts + [(spans[-1][1] + 1, base)]


# A right foot seen from above, toes up, the big toe on the inner side (-x). Local.
FOOT_TOP = [
    ('great-toe', [(-32, 90), (-33, 64), (-29, 50), (-21, 45), (-13, 48), (-9, 58), (-9, 90)]),
    ('lesser-toes', toes([(-7, 3, 56), (4, 13, 60), (14, 23, 66), (24, 32, 74)], 92)),
    ('instep', [(-31, 90), (-11, 90), (34, 94), (32, 130), (24, 170), (20, 190), (-20, 190),
                (-26, 150), (-31, 116)]),
    ('ankle-front', [(-20, 190), (20, 190), (20, 216), (-20, 216)]),
    ('ankle-inner', [(-20, 186), (-20, 218), (-30, 214), (-34, 202), (-30, 190)]),
    ('ankle-outer', [(20, 186), (30, 190), (34, 202), (30, 214), (20, 218)]),
]
# The same foot as a footprint (the sole seen through the foot, big toe inner).
SOLE = [
    ('ball-of-foot', [(-31, 90), (34, 94), (33, 124), (-28, 124)]),
    ('arch', [(-28, 124), (0, 124), (2, 176), (-16, 180), (-24, 150)]),
    ('sole', [(0, 124), (33, 124), (30, 150), (24, 178), (2, 176)]),
    ('heel', [(-16, 180), (2, 176), (24, 178), (22, 200), (14, 214), (0, 218), (-14, 212), (-20, 196)]),
    ('achilles', [(-10, 222), (10, 222), (10, 258), (-10, 258)]),
]
SOLE_OUTLINES = [FOOT_TOP[0][1], FOOT_TOP[1][1]]

# The head close-ups, drawn like the figures: view, mirroring ("front": the person's right on
# the viewer's left; "back": the other way round), sided half-shapes, midline shapes (whole,
# dx from the midline), outlines (whole, dx from the midline).
CLOSEUPS = [
    ('face', 'front', FACE, FACE_MID, [FACE_OUTLINE, MOUTH_LINE]),
    ('head-back', 'back', HEAD_BACK, [],
     [HEAD_BACK_OUTLINE, EAR_BACK, [(-x, y) for x, y in EAR_BACK]]),
    ('mouth', 'front', MOUTH, MOUTH_MID, [MOUTH_OUTLINE]),
]
# The hands and feet as a person sees their own: the right one on the viewer's right. View,
# shapes and outlines of the right hand or foot (local), and whether it is flipped so the
# thumb points inward (the backs of the hands, seen from above).
SELF_VIEWS = [
    ('palms', PALM_SIDE, [], False),
    ('hand-backs', BACK_SIDE, BACK_OUTLINES, True),
    ('feet-top', FOOT_TOP, [], False),
    ('soles', SOLE, SOLE_OUTLINES, False),
]


def absolute(pts, view, side):
    """Places a half-shape like place(), as points."""
    left_of_viewer = (view == 'front') == (side == 'r')
    sign = -1 if left_of_viewer else 1
    return [(MID + sign * dx, y) for dx, y in pts]


def pts_text(pts):
    return ' '.join('%s,%s' % (fmt(x), fmt(y)) for x, y in pts)


def self_place(pts, side, inward, inner):
    """A right hand or foot drawn in local coordinates, put on the viewer's right (side r)
    or mirrored onto the viewer's left (side l), as a person sees their own; inner is the
    smallest x of the (flipped) drawing, which goes 4 units right of the midline."""
    out = []
    for x, y in pts:
        if inward:
            x = -x
        x += MID + 4 - inner
        out.append((x if side == 'r' else 2 * MID - x, y))
    return out


def closeups():
    rows = []
    for view, mirror, sided, mid, outlines in CLOSEUPS:
        for o in outlines:
            rows.append('outline\t-\t%s\t%s' % (view, pts_text([(MID + x, y) for x, y in o])))
        for base, pts in sided:
            for side in ('r', 'l'):
                rows.append('shape\t%s.%s\t%s\t%s' % (base, side, view,
                                                       pts_text(absolute(pts, mirror, side))))
        for base, pts in mid:
            rows.append('shape\t%s\t%s\t%s' % (base, view, pts_text([(MID + x, y) for x, y in pts])))
    for view, shapes, outlines, inward in SELF_VIEWS:
        inner = min((-x if inward else x) for pts in outlines + [p for _, p in shapes]
                    for x, _ in pts)
        for side in ('r', 'l'):
            for o in outlines:
                rows.append('outline\t-\t%s\t%s' % (view, pts_text(self_place(o, side, inward, inner))))
        for base, pts in shapes:
            for side in ('r', 'l'):
                rows.append('shape\t%s.%s\t%s\t%s' % (base, side, view,
                                                       pts_text(self_place(pts, side, inward, inner))))
    return rows


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
    print('# this file). Read by src/render/bodymap.c. The front and back views are each a')
    print('# 200 x 480 box with the midline at x = 100; the front view shows the person\'s')
    print('# right on the left. Close-ups of the fine regions follow the figures\' sites.')
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
    print('#')
    print('# Close-ups of the fine regions (views face, head-back, mouth, palms, hand-backs,')
    print('# feet-top, soles); outline<TAB>-<TAB>view<TAB>points is drawn, not a region.')
    for row in closeups():
        print(row)


if __name__ == '__main__':
    main()
