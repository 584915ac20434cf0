using OrleansChat.Contracts;
using SkiaSharp;

namespace OrleansChat.Web.Files;

/// <summary>An uploaded image as served: upright, without metadata, with a JPEG preview.</summary>
public sealed record ProcessedImage(byte[] Content, int Width, int Height, byte[] Thumbnail, ImageSize ThumbnailSize);

/// <summary>
/// Decodes every uploaded image and encodes it again, which proves it is one and drops everything but its pixels:
/// EXIF (a phone's GPS position, its serial number), XMP and comments never reach other readers. The EXIF
/// orientation is applied first, since it goes too. GIFs are kept as sent (their animation would not survive, and
/// GIF has no EXIF). Decoding is bounded in pixels and in how many run at once: a few kilobytes can unpack into
/// gigabytes.
/// </summary>
public sealed class ImageFiles
{
    public const int ThumbnailEdge = 320;
    private const int Quality = 90;
    private const int ThumbnailQuality = 80;

    private readonly SemaphoreSlim _decoding = new(Math.Max(1, Environment.ProcessorCount));

    public async Task<ProcessedImage> ProcessAsync(byte[] bytes, string contentType, long maxPixels, CancellationToken cancellationToken)
    {
        await _decoding.WaitAsync(cancellationToken);
        try
        {
            return Process(bytes, contentType, maxPixels);
        }
        finally
        {
            _decoding.Release();
        }
    }

    private static ProcessedImage Process(byte[] bytes, string contentType, long maxPixels)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(bytes)) ?? throw Unreadable();
        var size = codec.Info;
        if ((long)size.Width * size.Height > maxPixels)
        {
            throw ChatException.TooLarge($"The image has {size.Width}x{size.Height} pixels; at most {maxPixels} are accepted.");
        }
        using var decoded = SKBitmap.Decode(codec, size.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Premul)) ?? throw Unreadable();
        using var upright = Upright(decoded, codec.EncodedOrigin);
        var content = contentType == FileTypes.Gif ? bytes : Encode(upright, contentType);
        var (thumbnail, thumbnailSize) = Thumbnail(upright);
        return new ProcessedImage(content, upright.Width, upright.Height, thumbnail, thumbnailSize);
    }

    private static ChatException Unreadable() => ChatException.Invalid("The file looks like an image but could not be decoded.");

    private static byte[] Encode(SKBitmap bitmap, string contentType)
    {
        var format = contentType switch
        {
            FileTypes.Png => SKEncodedImageFormat.Png,
            FileTypes.Webp => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Jpeg,
        };
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, Quality);
        return data.ToArray();
    }

    /// <summary>At most <see cref="ThumbnailEdge"/> pixels on its longer side, never enlarged, on white where the image is transparent.</summary>
    private static (byte[] Bytes, ImageSize Size) Thumbnail(SKBitmap bitmap)
    {
        var scale = Math.Min(1.0, (double)ThumbnailEdge / Math.Max(bitmap.Width, bitmap.Height));
        var width = Math.Max(1, (int)Math.Round(bitmap.Width * scale));
        var height = Math.Max(1, (int)Math.Round(bitmap.Height * scale));
        using var thumbnail = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using (var canvas = new SKCanvas(thumbnail))
        {
            canvas.Clear(SKColors.White);
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        }
        using var encoded = SKImage.FromBitmap(thumbnail);
        using var data = encoded.Encode(SKEncodedImageFormat.Jpeg, ThumbnailQuality);
        return (data.ToArray(), new ImageSize(width, height));
    }

    /// <summary>The pixels as a viewer shows them, after the rotation or mirroring the EXIF orientation asks for.</summary>
    private static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        float w = bitmap.Width, h = bitmap.Height;
        // Where pixel (x, y) goes: x' = ScaleX·x + SkewX·y + TransX, y' = SkewY·x + ScaleY·y + TransY.
        SKMatrix? transform = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => null,
        };
        if (transform is null) return bitmap.Copy();
        var turned = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(turned ? bitmap.Height : bitmap.Width, turned ? bitmap.Width : bitmap.Height, bitmap.ColorType, bitmap.AlphaType);
        using var canvas = new SKCanvas(result);
        canvas.SetMatrix(transform.Value);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return result;
    }
}
