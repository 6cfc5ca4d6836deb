using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Members;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Members;

/// <summary>
/// The member's photo (红底小二寸): served to whoever may see the member, replaced by an editor.
/// JPEG and PNG only, recognised by their magic bytes (never by the name or the declared type), ≤ 2 MB.
/// </summary>
public sealed class MemberPhotoUpload(PortalDbContext db, TimeProvider time) : IUseCase
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int RequestLimit = 3 * 1024 * 1024;

    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The stored photo, or null when the member is not visible or has none.</summary>
    public async Task<(byte[] Content, string ContentType)?> GetAsync(Guid id)
    {
        var photo = await db.MemberPhotos.AsNoTracking()
            .Where(p => p.MemberId == id)
            .Select(p => new { p.Content, p.ContentType })
            .FirstOrDefaultAsync();
        return photo is null ? null : (photo.Content, photo.ContentType);
    }

    /// <summary>Returns null when the member is not visible, else an error message or "" when stored.</summary>
    public async Task<string?> UploadAsync(Guid id, IFormFile? file)
    {
        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == id);
        if (member is null) return null;
        if (file is null || file.Length == 0) return "请选择照片";
        if (file.Length > MaxBytes) return "照片不能超过2MB";

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content);
        }
        var contentType = Sniff(content);
        if (contentType is null) return "照片须为JPG或PNG格式";

        var photo = await db.MemberPhotos.FirstOrDefaultAsync(p => p.MemberId == id);
        var now = time.GetUtcNow().UtcDateTime;
        if (photo is null)
        {
            db.MemberPhotos.Add(new MemberPhoto { MemberId = id, ContentType = contentType, Content = content, UpdatedAt = now });
        }
        else
        {
            photo.ContentType = contentType;
            photo.Content = content;
            photo.UpdatedAt = now;
        }
        member.HasPhoto = true;
        await db.SaveChangesAsync();
        return "";
    }

    /// <summary>image/jpeg or image/png by the first bytes; null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) =>
        content.StartsWith(JpegMagic) ? "image/jpeg"
        : content.StartsWith(PngMagic) ? "image/png"
        : null;
}
