using System.ComponentModel.DataAnnotations;

namespace CommunityPartyPortal.Web.Features.Exports;

public enum ExportStatus
{
    [Display(Name = "排队中")] Queued = 1,
    [Display(Name = "正在生成")] Running = 2,
    [Display(Name = "已完成")] Done = 3,
    [Display(Name = "失败")] Failed = 4,
}

/// <summary>
/// A long export (a background job): who asked for it, what it makes, where it stands and until when its file is kept.
/// Saved as a small JSON file beside the export's file (<see cref="ExportStore"/>), so the user can leave the page and
/// come back, and a restart of the portal knows what was interrupted.
/// </summary>
public sealed record ExportJob
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    /// <summary>The user who asked for it; only that user sees the job and downloads the file.</summary>
    public Guid UserId { get; init; }
    public string UserName { get; init; } = "";
    /// <summary>What the user sees, e.g. 「在职党员进社区报到情况汇总表（2026年，全县）」.</summary>
    public string Title { get; init; } = "";
    /// <summary>The download's name, in Chinese.</summary>
    public string FileName { get; init; } = "";
    /// <summary>The download's ASCII name for old clients.</summary>
    public string FallbackName { get; init; } = "export";
    public string ContentType { get; init; } = "application/octet-stream";
    public ExportStatus Status { get; init; } = ExportStatus.Queued;
    /// <summary>0–100.</summary>
    public int Percent { get; init; }
    /// <summary>What the job is doing now, e.g. 「正在统计」「正在写入第 3 张表」.</summary>
    public string? Stage { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? StartedAt { get; init; }
    public DateTime? FinishedAt { get; init; }
    /// <summary>The file and the job are deleted after this (a day after the job was created).</summary>
    public DateTime ExpiresAt { get; init; }
    public long Bytes { get; init; }
    /// <summary>Why it failed, for the user (Chinese).</summary>
    public string? Error { get; init; }

    public bool IsFinished => Status is ExportStatus.Done or ExportStatus.Failed;
}
