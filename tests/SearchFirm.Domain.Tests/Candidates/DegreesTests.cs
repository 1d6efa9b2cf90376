using SearchFirm.Domain.Candidates;

namespace SearchFirm.Domain.Tests.Candidates;

public sealed class DegreesTests
{
    [TestCase("MD")]
    [TestCase("M.D.")]
    [TestCase("DO")]
    [TestCase("D.O.")]
    [TestCase("Doctor of Osteopathic Medicine")]
    [TestCase("MD/PhD")]
    [TestCase("MBBS")]
    public void Medical_degrees_are_recognised(string degree) => Assert.That(Degrees.IsMedical(degree), Is.True);

    [TestCase("MBA")]
    [TestCase("PhD")]
    [TestCase("MPH")]
    [TestCase("")]
    public void Other_degrees_are_not_medical(string degree) => Assert.That(Degrees.IsMedical(degree), Is.False);

    [TestCase("MBA")]
    [TestCase("M.B.A.")]
    [TestCase("Executive MBA")]
    [TestCase("MHA")]
    [TestCase("MMM")]
    [TestCase("Master of Medical Management")]
    [TestCase("Master of Business Administration")]
    public void Management_degrees_are_recognised(string degree)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Degrees.IsManagement(degree), Is.True);
            Assert.That(Degrees.IsOtherMasters(degree), Is.False);
        });
    }

    [TestCase("MPH")]
    [TestCase("Master of Public Health")]
    [TestCase("MS")]
    public void Other_masters_degrees_are_not_management_degrees(string degree)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Degrees.IsManagement(degree), Is.False);
            Assert.That(Degrees.IsOtherMasters(degree), Is.True);
        });
    }

    [Test]
    public void A_short_abbreviation_does_not_match_inside_a_longer_one()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Degrees.IsOtherMasters("MBBS"), Is.False);
            Assert.That(Degrees.IsMedical("MMM"), Is.False);
        });
    }

    [TestCase("Executive Certificate in Healthcare Leadership", true)]
    [TestCase("Physician Leadership Certificate", true)]
    [TestCase("Certificate in Clinical Research", false)]
    public void Executive_certificates_are_recognised(string degree, bool expected) =>
        Assert.That(Degrees.IsExecutiveCertificate(degree), Is.EqualTo(expected));
}
