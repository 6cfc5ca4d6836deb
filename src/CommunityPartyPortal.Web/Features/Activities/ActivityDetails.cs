using CommunityPartyPortal.Domain.Data;
using CommunityPartyPortal.Domain.Service;
using CommunityPartyPortal.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CommunityPartyPortal.Web.Features.Activities;

/// <summary>The activity page: its fields, the number checked in, the self check-in QR code and address, cancelling.</summary>
public sealed class ActivityDetails(PortalDbContext db) : IUseCase
{
    public sealed class Model
    {
        public required Activity Activity { get; init; }
        public int CheckedIn { get; init; }
        public int SeriesCount { get; init; }
        /// <summary>The absolute self check-in address the QR code encodes.</summary>
        public string CheckInUrl { get; set; } = "";
    }

    public async Task<Model?> HandleAsync(Guid id, string baseUrl)
    {
        var activity = await db.Activities.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id);
        if (activity is null) return null;
        return new Model
        {
            Activity = activity,
            CheckedIn = await db.ServiceRecords.CountAsync(r => r.ActivityId == id && r.ActiveSlot == 1),
            SeriesCount = activity.SeriesId is { } s ? await db.Activities.CountAsync(a => a.SeriesId == s) : 0,
            CheckInUrl = SelfCheckInUrl(baseUrl, activity.CheckInCode),
        };
    }

    public static string SelfCheckInUrl(string baseUrl, string code) => $"{baseUrl.TrimEnd('/')}/checkin/{code}";
}
