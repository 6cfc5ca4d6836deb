using CommunityPartyPortal.Documents.Excel;
using CommunityPartyPortal.Web.Infrastructure;

namespace CommunityPartyPortal.Web.Features.Roster;

/// <summary>下载导入模板: the 党员信息 sheet with the import header (text ID column, date columns, dropdowns) and the 填写说明 sheet.</summary>
public sealed class ImportTemplate : IUseCase
{
    public const string FileName = "党员信息导入模板.xlsx";

    /// <summary>The template's bytes (a few KB, so written to memory first).</summary>
    public byte[] Handle()
    {
        using var buffer = new MemoryStream();
        RosterWorkbook.Template(buffer);
        return buffer.ToArray();
    }
}
