namespace SearchFirm.Features.Common;

/// <summary>Ids are made by the application: version 7 GUIDs sort by creation time.</summary>
public static class Ids
{
    public static Guid New() => Guid.CreateVersion7();
}
