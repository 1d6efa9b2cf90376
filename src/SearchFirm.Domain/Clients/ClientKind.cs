namespace SearchFirm.Domain.Clients;

/// <summary>The kind of organisation changes what its CMO does (seed 000), so it picks the default specification.</summary>
public enum ClientKind
{
    HospitalOrHealthSystem,
    Payer,
    PharmaOrBiotech,
    Other,
}
