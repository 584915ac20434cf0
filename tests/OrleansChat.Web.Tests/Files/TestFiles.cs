using System.Net.Http.Headers;
using System.Net.Http.Json;
using OrleansChat.Contracts;
using OrleansChat.Web.Tests.Infrastructure;
using SkiaSharp;

namespace OrleansChat.Web.Tests.Files;

/// <summary>Files to upload, made in the test, and the upload itself as any client sends it.</summary>
internal static class TestFiles
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Jpeg(int width, int height) => Encode(width, height, SKEncodedImageFormat.Jpeg);

    /// <summary>A JPEG as a phone writes it: an EXIF block with a GPS position and an orientation (6: turn 90° clockwise to view).</summary>
    public static byte[] JpegWithGpsAndOrientation(int width, int height)
    {
        var jpeg = Jpeg(width, height);
        var exif = ExifWithGps();
        // Right after the start-of-image marker, as an APP1 segment.
        return [.. jpeg[..2], 0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)((exif.Length + 2) & 0xFF), .. exif, .. jpeg[2..]];
    }

    public static (int Width, int Height) SizeOf(byte[] image)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(image));
        return (codec.Info.Width, codec.Info.Height);
    }

    public static async Task<HttpResponseMessage> UploadAsync(
        this ChatTestClient client, string roomId, byte[] bytes, string fileName, string? clientFileId = null, string claimedType = "application/octet-stream")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimedType);
        form.Add(file, "file", fileName);
        if (clientFileId is not null) form.Add(new StringContent(clientFileId), "clientFileId");
        return await client.Http.PostAsync($"/api/rooms/{roomId}/files", form);
    }

    public static async Task<Attachment> UploadOkAsync(this ChatTestClient client, string roomId, byte[] bytes, string fileName, string? clientFileId = null)
    {
        using var response = await client.UploadAsync(roomId, bytes, fileName, clientFileId);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<Attachment>(ChatTestClient.Json))!;
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            using var paint = new SKPaint { Color = SKColors.Orange };
            canvas.DrawRect(0, 0, width / 2f, height / 2f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    /// <summary>"Exif\0\0", then a little-endian TIFF: IFD0 with Orientation = 6 and a GPS IFD pointer; the GPS IFD with latitude 48° 51' 30" N.</summary>
    private static byte[] ExifWithGps()
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(long v) { for (var i = 0; i < 4; i++) tiff.Add((byte)(v >> (8 * i))); }
        tiff.AddRange("II"u8.ToArray()); U16(42); U32(8);
        // IFD0 at 8: two entries (12 bytes each), then the next-IFD offset: the GPS IFD follows at 8 + 2 + 24 + 4 = 38.
        U16(2);
        U16(0x0112); U16(3); U32(1); U16(6); U16(0);        // Orientation, SHORT, 6
        U16(0x8825); U16(4); U32(1); U32(38);               // GPSInfo IFD pointer
        U32(0);
        // GPS IFD at 38: two entries, next-IFD 0; the latitude's three rationals follow at 38 + 2 + 24 + 4 = 68.
        U16(2);
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray()); // GPSLatitudeRef, ASCII "N"
        U16(0x0002); U16(5); U32(3); U32(68);               // GPSLatitude, 3 RATIONAL at 68
        U32(0);
        U32(48); U32(1); U32(51); U32(1); U32(30); U32(1);
        return [.. "Exif\0\0"u8.ToArray(), .. tiff];
    }
}
