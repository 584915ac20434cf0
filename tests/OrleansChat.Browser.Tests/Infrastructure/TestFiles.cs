using System.Text;
using Microsoft.Playwright;

namespace OrleansChat.Browser.Tests.Infrastructure;

/// <summary>Files for attachment tests, made on the spot, and the ways people hand them to a composer.</summary>
public static class TestFiles
{
    /// <summary>A small one-page PDF that says <paramref name="text"/> (ASCII).</summary>
    public static FilePayload Pdf(string name, string text = "Invoice 2026-118")
    {
        var content = $"BT /F1 18 Tf 40 100 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append($"{offset:D10} 00000 n \n");
        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return new FilePayload { Name = name, MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes(pdf.ToString()) };
    }

    /// <summary>
    /// Pastes a screenshot into <paramref name="composer"/>, as a browser does: a PNG drawn on a canvas in the page,
    /// in the clipboard data of a paste event. Returns the image's width.
    /// </summary>
    public static Task<int> PasteScreenshotAsync(ILocator composer, string name) => composer.EvaluateAsync<int>("""
        async (composer, name) => {
          const canvas = document.createElement('canvas');
          canvas.width = 640;
          canvas.height = 400;
          const g = canvas.getContext('2d');
          const sky = g.createLinearGradient(0, 0, 640, 400);
          sky.addColorStop(0, '#3b5bdb');
          sky.addColorStop(1, '#e64980');
          g.fillStyle = sky;
          g.fillRect(0, 0, 640, 400);
          g.fillStyle = '#fff';
          g.fillRect(60, 120, 520, 160);
          g.fillStyle = '#c92a2a';
          g.font = 'bold 34px sans-serif';
          g.fillText('Error 502 at checkout', 110, 215);
          const png = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
          const data = new DataTransfer();
          data.items.add(new File([png], name, { type: 'image/png' }));
          composer.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
          return canvas.width;
        }
        """, name);

    /// <summary>Drops files on <paramref name="target"/>, as when they are dragged there from the desktop.</summary>
    public static Task DropAsync(ILocator target, params FilePayload[] files) => target.EvaluateAsync("""
        (target, files) => {
          const data = new DataTransfer();
          for (const file of files) {
            const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
            data.items.add(new File([bytes], file.name, { type: file.type }));
          }
          for (const type of ['dragenter', 'dragover', 'drop']) {
            target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
          }
        }
        """, files.Select(f => new { name = f.Name, type = f.MimeType, base64 = Convert.ToBase64String(f.Buffer) }).ToArray());
}
