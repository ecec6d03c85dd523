import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { createZodDto } from 'nestjs-zod';
import { annualReportQuerySchema, annualReportSchema } from '@doorloop/contracts';
import { Audit } from '../audit/audit.decorator';
import { Allow } from '../auth/access.decorators';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { annualReportCsv, ReportsService } from './reports.service';

class AnnualReportQueryDto extends createZodDto(annualReportQuerySchema) {}
class AnnualReportDto extends createZodDto(annualReportSchema) {}

/** Reporting without persons: for directors and coordinators, counts with small cells suppressed. */
@ApiTags('reports')
@Allow('director', 'coordinator')
@Controller('reports')
export class ReportsController {
  constructor(private readonly service: ReportsService) {}

  @Get('annual')
  @Audit({ action: 'export', object: 'report' })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: AnnualReportDto,
    description: 'The year per municipality and for the region; as text/csv (semicolons) when Accept asks for it.',
  })
  async annual(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AnnualReportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const report = await this.service.annual(principal, Number(query.year), query.municipalityCode);
    if (request.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    response.type('text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="doorloop-jaarrapportage-${report.year}.csv"`);
    return annualReportCsv(report);
  }
}
