namespace PhotoCuration.Engine.Samples;

/// <summary>
/// Paints one outdoor scene procedurally: colour gradients for sky and ground, fractal value noise for
/// ridges, foliage and water texture, a sun or a subject. Output colour channels are in [0,1].
/// Coordinates outside the frame are valid, so bursts can shift the camera.
/// </summary>
internal sealed class ScenePainter
{
    private readonly SampleShootGenerator.SceneKind _scene;
    private readonly ValueNoise _noise;
    private readonly int _width;
    private readonly int _height;

    public ScenePainter(SampleShootGenerator.SceneKind scene, int seed, int width, int height)
    {
        _scene = scene;
        _noise = new ValueNoise(seed);
        _width = width;
        _height = height;
    }

    public (float R, float G, float B) Paint(int px, int py)
    {
        // Scene coordinates: x in [0, aspect], y in [0, 1] top to bottom, independent of resolution.
        var u = px / (float)_height;
        var v = py / (float)_height;
        return _scene switch
        {
            SampleShootGenerator.SceneKind.Mountains => Mountains(u, v),
            SampleShootGenerator.SceneKind.Lake => Lake(u, v),
            SampleShootGenerator.SceneKind.Forest => Forest(u, v),
            SampleShootGenerator.SceneKind.Dusk => Dusk(u, v),
            _ => Portrait(u, v),
        };
    }

    private (float, float, float) Sky(float u, float v, (float, float, float) top, (float, float, float) horizon)
    {
        var t = Math.Clamp(v / 0.6f, 0, 1);
        var cloud = Math.Max(0, _noise.Fractal(u * 3, v * 6, 5) - 0.55f) * 1.6f;
        return (Lerp(top.Item1, horizon.Item1, t) + cloud, Lerp(top.Item2, horizon.Item2, t) + cloud, Lerp(top.Item3, horizon.Item3, t) + cloud);
    }

    private (float, float, float) Mountains(float u, float v)
    {
        var ridge = 0.45f + 0.18f * _noise.Fractal(u * 2.2f, 0.5f, 6);
        var near = 0.70f + 0.10f * _noise.Fractal(u * 4f, 3.5f, 5);
        if (v < ridge)
        {
            var sun = Glow(u, v, 1.1f, 0.18f, 0.05f);
            var (r, g, b) = Sky(u, v, (0.25f, 0.45f, 0.85f), (0.80f, 0.88f, 0.95f));
            return (r + sun, g + sun * 0.9f, b + sun * 0.6f);
        }
        var rock = _noise.Fractal(u * 40, v * 40, 4);
        if (v < near)
        {
            var snow = v < ridge + 0.03f ? 0.35f : 0f;
            return (0.35f + 0.25f * rock + snow, 0.37f + 0.22f * rock + snow, 0.42f + 0.2f * rock + snow);
        }
        var grass = _noise.Fractal(u * 80, v * 80, 4);
        return (0.18f + 0.15f * grass, 0.38f + 0.25f * grass, 0.12f + 0.1f * grass);
    }

    private (float, float, float) Lake(float u, float v)
    {
        var shore = 0.55f + 0.02f * _noise.Fractal(u * 8, 1.5f, 3);
        if (v < shore - 0.12f) return Sky(u, v, (0.35f, 0.55f, 0.9f), (0.85f, 0.9f, 0.95f));
        if (v < shore)
        {
            var trees = _noise.Fractal(u * 25, v * 25, 5);
            return (0.08f + 0.1f * trees, 0.22f + 0.2f * trees, 0.1f + 0.08f * trees);
        }
        // Water: mirrored sky, darker, with ripples.
        var ripple = _noise.Fractal(u * 6, v * 60, 4) * 0.15f;
        var (r, g, b) = Sky(u, 2 * shore - v, (0.35f, 0.55f, 0.9f), (0.85f, 0.9f, 0.95f));
        return (r * 0.6f + ripple, g * 0.65f + ripple, b * 0.75f + ripple);
    }

    private (float, float, float) Forest(float u, float v)
    {
        var trunks = MathF.Abs(MathF.Sin(u * 9 + _noise.Fractal(u, v * 2, 2) * 2));
        var leaf = _noise.Fractal(u * 30, v * 30, 6);
        var light = Glow(u, v, 0.8f, 0.2f, 0.25f) * 0.8f;
        if (trunks < 0.08f) return (0.25f + 0.1f * leaf, 0.17f + 0.08f * leaf, 0.1f + 0.05f * leaf);
        return (0.12f + 0.2f * leaf + light, 0.3f + 0.35f * leaf + light, 0.1f + 0.12f * leaf + light * 0.6f);
    }

    private (float, float, float) Dusk(float u, float v)
    {
        var hills = 0.62f + 0.08f * _noise.Fractal(u * 3, 7.5f, 5);
        if (v < hills)
        {
            var sun = Glow(u, v, 0.6f, 0.55f, 0.04f) * 1.5f;
            var (r, g, b) = Sky(u, v, (0.18f, 0.12f, 0.35f), (0.95f, 0.55f, 0.25f));
            return (r + sun, g + sun * 0.7f, b + sun * 0.3f);
        }
        var ground = _noise.Fractal(u * 30, v * 30, 4);
        return (0.12f + 0.08f * ground, 0.07f + 0.05f * ground, 0.1f + 0.05f * ground);
    }

    private (float, float, float) Portrait(float u, float v)
    {
        // A soft, out-of-focus background (low-frequency noise only) and a sharp subject on the left third.
        var bokeh = _noise.Fractal(u * 2, v * 2, 2);
        var bg = (0.55f + 0.2f * bokeh, 0.5f + 0.15f * bokeh, 0.42f + 0.1f * bokeh);
        var cx = 0.5f;
        var head = Ellipse(u, v, cx, 0.38f, 0.11f, 0.14f);
        var body = Ellipse(u, v, cx, 0.85f, 0.26f, 0.35f);
        var detail = _noise.Fractal(u * 120, v * 120, 3);
        if (head < 1) return (0.85f + 0.1f * detail, 0.65f + 0.08f * detail, 0.52f + 0.06f * detail);
        if (body < 1) return (0.2f + 0.25f * detail, 0.25f + 0.25f * detail, 0.45f + 0.3f * detail);
        return bg;
    }

    private static float Ellipse(float u, float v, float cx, float cy, float rx, float ry)
    {
        var dx = (u - cx) / rx;
        var dy = (v - cy) / ry;
        return dx * dx + dy * dy;
    }

    private static float Glow(float u, float v, float cx, float cy, float radius)
    {
        var d2 = (u - cx) * (u - cx) + (v - cy) * (v - cy);
        return MathF.Exp(-d2 / (radius * radius));
    }

    private static float Lerp(float a, float b, float t) => a + (b - a) * t;
}

/// <summary>Deterministic 2-D value noise with fractal (octave) summation, in [0,1].</summary>
internal sealed class ValueNoise
{
    private readonly int[] _permutation = new int[512];
    private readonly float[] _values = new float[256];

    public ValueNoise(int seed)
    {
        var random = new Random(seed);
        var p = Enumerable.Range(0, 256).ToArray();
        for (var i = 255; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        for (var i = 0; i < 512; i++) _permutation[i] = p[i & 255];
        for (var i = 0; i < 256; i++) _values[i] = (float)random.NextDouble();
    }

    public float Fractal(float x, float y, int octaves)
    {
        float sum = 0, amplitude = 0.5f, norm = 0;
        for (var o = 0; o < octaves; o++)
        {
            sum += amplitude * Sample(x, y);
            norm += amplitude;
            x *= 2.03f;
            y *= 2.03f;
            amplitude *= 0.5f;
        }
        return sum / norm;
    }

    private float Sample(float x, float y)
    {
        var xi = (int)MathF.Floor(x);
        var yi = (int)MathF.Floor(y);
        var tx = Smooth(x - xi);
        var ty = Smooth(y - yi);
        float V(int a, int b) => _values[_permutation[(_permutation[a & 255] + b) & 511] & 255];
        var top = V(xi, yi) + (V(xi + 1, yi) - V(xi, yi)) * tx;
        var bottom = V(xi, yi + 1) + (V(xi + 1, yi + 1) - V(xi, yi + 1)) * tx;
        return top + (bottom - top) * ty;
    }

    private static float Smooth(float t) => t * t * (3 - 2 * t);
}
