"""Monitoring moves to the monitoring app, which takes over its tables: the models leave projects' state only."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0003_list_order_indexes'),
        ('monitoring', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='HistoricalMonitoringMeasure'),
                migrations.DeleteModel(name='MonitoringMeasure'),
                migrations.DeleteModel(name='HistoricalMonitoringCase'),
                migrations.DeleteModel(name='MonitoringCase'),
            ],
        ),
    ]
