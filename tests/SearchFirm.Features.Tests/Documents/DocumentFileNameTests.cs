using SearchFirm.Domain.Candidates;
using SearchFirm.Features.Documents;

namespace SearchFirm.Features.Tests.Documents;

/// <summary>Client file names are sanitised, never refused, and end in the extension the bytes proved.</summary>
public sealed class DocumentFileNameTests
{
    [TestCase("Okafor CV.pdf", "Okafor CV.pdf")]
    [TestCase("Okafor CV.PDF", "Okafor CV.pdf")]
    [TestCase("../../etc/passwd", "passwd.pdf")]
    [TestCase("..\\..\\Windows\\system32\\cv.pdf", "cv.pdf")]
    [TestCase("C:\\Users\\amara\\Desktop\\cv.pdf", "cv.pdf")]
    [TestCase("/var/www/../cv.pdf", "cv.pdf")]
    [TestCase("cv\u0000.pdf", "cv.pdf")]
    [TestCase("c\u0007v\r\n\t.pdf", "cv.pdf")]
    [TestCase("cv\u202Efdp.exe", "cvfdp.exe.pdf")]
    [TestCase("cv.exe", "cv.exe.pdf")]
    [TestCase("résumé «Okafor» ✓.pdf", "résumé «Okafor» ✓.pdf")]
    [TestCase("what?<script>*|\".pdf", "what__script____.pdf")]
    [TestCase("   spaced    out   .pdf", "spaced out.pdf")]
    [TestCase(".hidden.pdf", "hidden.pdf")]
    [TestCase("..", "cv.pdf")]
    [TestCase("", "cv.pdf")]
    [TestCase(null, "cv.pdf")]
    [TestCase("../", "cv.pdf")]
    [TestCase("CON.pdf", "_CON.pdf")]
    public void A_pdf_name_is_made_safe(string? clientName, string expected) =>
        Assert.That(DocumentFileName.Sanitise(clientName, DocumentInspector.Pdf, DocumentKind.Cv), Is.EqualTo(expected));

    [TestCase("letter.docx", "letter.docx")]
    [TestCase("letter.doc", "letter.doc.docx")]
    [TestCase("letter.pdf", "letter.pdf.docx")]
    [TestCase(null, "cover-letter.docx")]
    public void A_word_name_keeps_the_word_extension(string? clientName, string expected) =>
        Assert.That(DocumentFileName.Sanitise(clientName, DocumentInspector.Docx, DocumentKind.CoverLetter), Is.EqualTo(expected));

    [TestCase("notes.text", "notes.txt")]
    [TestCase("notes.html", "notes.html.txt")]
    [TestCase("notes", "notes.txt")]
    public void A_text_name_ends_in_txt(string? clientName, string expected) =>
        Assert.That(DocumentFileName.Sanitise(clientName, DocumentInspector.Text, DocumentKind.Other), Is.EqualTo(expected));

    [Test]
    public void A_long_name_is_cut_to_255_characters_keeping_the_extension_and_whole_characters()
    {
        var name = DocumentFileName.Sanitise(new string('a', 250) + "😀😀😀😀😀.pdf", DocumentInspector.Pdf, DocumentKind.Cv);

        Assert.That(name, Has.Length.LessThanOrEqualTo(255));
        Assert.That(name, Does.EndWith(".pdf"));
        Assert.That(char.IsHighSurrogate(name[^5]), Is.False, "no half of a surrogate pair before the extension");
    }
}
